package io.platform.etl.model.rules.enrich;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Optional;

/** Kind of enrichment source: {@code database} (JDBC lookup, cached) or {@code api} (HTTP lookup). */
public enum SourceType {
    DATABASE("database"),
    API("api");

    private final String jsonName;

    SourceType(String jsonName) {
        this.jsonName = jsonName;
    }

    @JsonValue
    public String jsonName() {
        return jsonName;
    }

    public static Optional<SourceType> fromJson(String name) {
        for (SourceType type : values()) {
            if (type.jsonName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    @JsonCreator
    public static SourceType parse(String name) {
        return fromJson(name).orElseThrow(() -> new IllegalArgumentException("unknown source type \"" + name + "\""));
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
