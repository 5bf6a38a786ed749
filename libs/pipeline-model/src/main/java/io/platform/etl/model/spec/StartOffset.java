package io.platform.etl.model.spec;

import java.util.Locale;
import java.util.Optional;

/** Where a consumer group without committed offsets starts ({@code timestamp} needs {@code start_timestamp}). YAML names are the lowercase constant names. */
public enum StartOffset {
    EARLIEST, LATEST, TIMESTAMP;

    /** The YAML name, e.g. {@code "earliest"}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Looks a constant up by YAML name. */
    public static Optional<StartOffset> fromYaml(String name) {
        return SpecEnums.find(StartOffset.class, name);
    }

    @Override
    public String toString() {
        return yamlName();
    }
}
