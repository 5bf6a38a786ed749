package io.platform.etl.model.spec;

import java.util.Locale;
import java.util.Optional;

/** {@code spec.config.processing_mode}. YAML names are the lowercase constant names. */
public enum ProcessingMode {
    STREAMING, BATCH;

    /** The YAML name, e.g. {@code "streaming"}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Looks a constant up by YAML name. */
    public static Optional<ProcessingMode> fromYaml(String name) {
        return SpecEnums.find(ProcessingMode.class, name);
    }

    @Override
    public String toString() {
        return yamlName();
    }
}
