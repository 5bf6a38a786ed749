package io.platform.etl.model.spec;

import java.util.Locale;
import java.util.Optional;

/** Stage types of {@code spec.processing.stages[].type}. YAML names are the lowercase constant names. */
public enum StageType {
    DESERIALIZE, FILTER, DEDUPLICATE, ENRICH, AGGREGATE;

    /** The YAML name, e.g. {@code "deserialize"}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Looks a constant up by YAML name. */
    public static Optional<StageType> fromYaml(String name) {
        return SpecEnums.find(StageType.class, name);
    }

    @Override
    public String toString() {
        return yamlName();
    }
}
