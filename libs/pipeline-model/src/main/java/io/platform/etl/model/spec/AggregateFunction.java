package io.platform.etl.model.spec;

import java.util.Locale;
import java.util.Optional;

/** Functions of {@code aggregations[].function}. YAML names are the lowercase constant names. */
public enum AggregateFunction {
    SUM, COUNT, MIN, MAX, AVG;

    /** The YAML name, e.g. {@code "sum"}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Looks a constant up by YAML name. */
    public static Optional<AggregateFunction> fromYaml(String name) {
        return SpecEnums.find(AggregateFunction.class, name);
    }

    @Override
    public String toString() {
        return yamlName();
    }
}
