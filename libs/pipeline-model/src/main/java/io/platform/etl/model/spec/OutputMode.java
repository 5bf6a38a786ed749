package io.platform.etl.model.spec;

import java.util.Locale;
import java.util.Optional;

/** When the aggregate stage emits: on every change ({@code update}) or once when the window closes ({@code final}). YAML names are the lowercase constant names. */
public enum OutputMode {
    UPDATE, FINAL;

    /** The YAML name, e.g. {@code "update"}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Looks a constant up by YAML name. */
    public static Optional<OutputMode> fromYaml(String name) {
        return SpecEnums.find(OutputMode.class, name);
    }

    @Override
    public String toString() {
        return yamlName();
    }
}
