package io.platform.etl.stage.dedupe.engine;

import io.platform.etl.model.rules.dedupe.DedupeAlgorithm;
import io.platform.etl.model.rules.dedupe.DeduplicationConfig;
import io.platform.etl.stage.dedupe.key.KeyHasher;
import io.platform.etl.stage.dedupe.state.Sizing;

/**
 * One version of the deduplication rules, compiled: the config as the rules API holds it and its key hasher. A
 * snapshot from Redis replaces the spec's static config as a whole.
 *
 * @param config the settings
 * @param hasher the compiled {@code key_fields}
 */
public record DedupeRules(DeduplicationConfig config, KeyHasher hasher) {

    public static DedupeRules compile(DeduplicationConfig config) {
        var violations = config.validate();
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("invalid deduplication config: " + violations);
        }
        return new DedupeRules(config, new KeyHasher(config.keyFields()));
    }

    public long windowMillis() {
        return config.windowSize().toMillis();
    }

    public long cleanupMillis() {
        return config.cleanupInterval().toMillis();
    }

    public DedupeAlgorithm algorithm() {
        return config.algorithm();
    }

    /** Sizing for one of {@code tasks} tasks sharing the stage's {@code expected_insertions} per window. */
    public Sizing sizing(int tasks) {
        return new Sizing(windowMillis(), config.expectedInsertions(), config.falsePositiveRate()).perTask(tasks);
    }
}
