package io.platform.etl.model.rules.publish;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Optional;

/** The three kinds of dynamic rules; the JSON/Redis name is lowercase ({@code deduplication}). */
public enum RuleKind {
    /** Payload: {@link io.platform.etl.model.rules.filter.FilterRuleSet} JSON {@code {"rules":[...]}}. */
    FILTER("filter"),
    /** Payload: {@link io.platform.etl.model.rules.dedupe.DeduplicationConfig} JSON (the config object). */
    DEDUPLICATION("deduplication"),
    /** Payload: {@link io.platform.etl.model.rules.enrich.EnrichmentRuleSet} JSON {@code {"sources":[],"rules":[]}}. */
    ENRICHMENT("enrichment");

    private final String jsonName;

    RuleKind(String jsonName) {
        this.jsonName = jsonName;
    }

    @JsonValue
    public String jsonName() {
        return jsonName;
    }

    public static Optional<RuleKind> fromJson(String name) {
        for (RuleKind kind : values()) {
            if (kind.jsonName.equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    @JsonCreator
    public static RuleKind parse(String name) {
        return fromJson(name).orElseThrow(() -> new IllegalArgumentException("unknown rule kind \"" + name + "\""));
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
