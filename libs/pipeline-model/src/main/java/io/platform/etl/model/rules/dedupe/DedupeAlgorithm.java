package io.platform.etl.model.rules.dedupe;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Optional;

/** How seen keys are remembered. JSON names {@code exact} and {@code bloom_filter}. */
public enum DedupeAlgorithm {
    /** Every key kept until it leaves the window: no false positives, memory grows with distinct keys. */
    EXACT("exact"),
    /** Bloom filters per time slice: bounded memory, may wrongly drop an unseen record at the configured rate. */
    BLOOM_FILTER("bloom_filter");

    private final String jsonName;

    DedupeAlgorithm(String jsonName) {
        this.jsonName = jsonName;
    }

    @JsonValue
    public String jsonName() {
        return jsonName;
    }

    /**
     * Looks an algorithm up by JSON name. {@code probabilistic}, listed as an option in the pipeline spec's
     * comment, is accepted as an alias of {@code bloom_filter}.
     */
    public static Optional<DedupeAlgorithm> fromJson(String name) {
        if ("probabilistic".equals(name)) {
            return Optional.of(BLOOM_FILTER);
        }
        for (DedupeAlgorithm algorithm : values()) {
            if (algorithm.jsonName.equals(name)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    @JsonCreator
    public static DedupeAlgorithm parse(String name) {
        return fromJson(name).orElseThrow(() -> new IllegalArgumentException("unknown algorithm \"" + name + "\""));
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
