package io.platform.etl.model.spec;

import java.util.Locale;
import java.util.Optional;

/** Window types; only tumbling windows are supported. YAML names are the lowercase constant names. */
public enum WindowType {
    TUMBLING;

    /** The YAML name, e.g. {@code "tumbling"}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Looks a constant up by YAML name. */
    public static Optional<WindowType> fromYaml(String name) {
        return SpecEnums.find(WindowType.class, name);
    }

    @Override
    public String toString() {
        return yamlName();
    }
}
