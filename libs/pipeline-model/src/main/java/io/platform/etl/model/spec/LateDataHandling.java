package io.platform.etl.model.spec;

import java.util.Locale;
import java.util.Optional;

/** What the aggregate stage does with records later than window end + allowed lateness. YAML names are the lowercase constant names. */
public enum LateDataHandling {
    DROP, PROCESS, DEAD_LETTER;

    /** The YAML name, e.g. {@code "drop"}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Looks a constant up by YAML name. */
    public static Optional<LateDataHandling> fromYaml(String name) {
        return SpecEnums.find(LateDataHandling.class, name);
    }

    @Override
    public String toString() {
        return yamlName();
    }
}
