package io.platform.etl.model.rules.dedupe;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.platform.etl.model.duration.DurationJson;
import io.platform.etl.model.rules.RuleViolation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Deduplication settings, JSON as in the rules API: {@code {"window_size":"2h","key_fields":["event_id","user_id"],
 * "algorithm":"exact","cleanup_interval":"6h"}} plus {@code false_positive_rate} and {@code expected_insertions}
 * for {@code bloom_filter}. Absent values take the defaults below (null arguments do too).
 *
 * @param windowSize         a record is dropped when its key was passed within this much event time; default 1h
 * @param keyFields          field paths whose values form the key; required, non-empty
 * @param algorithm          default {@code exact}
 * @param cleanupInterval    how often expired keys are purged; default 5m
 * @param falsePositiveRate  bloom filter target rate, in (0, 0.5); default 0.001
 * @param expectedInsertions bloom filter capacity per window; default 1,000,000
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeduplicationConfig(
        @JsonSerialize(using = DurationJson.Serializer.class) @JsonDeserialize(using = DurationJson.Deserializer.class)
        Duration windowSize,
        List<String> keyFields,
        DedupeAlgorithm algorithm,
        @JsonSerialize(using = DurationJson.Serializer.class) @JsonDeserialize(using = DurationJson.Deserializer.class)
        Duration cleanupInterval,
        Double falsePositiveRate,
        Long expectedInsertions) {

    public static final Duration DEFAULT_WINDOW_SIZE = Duration.ofHours(1);
    public static final Duration DEFAULT_CLEANUP_INTERVAL = Duration.ofMinutes(5);
    public static final DedupeAlgorithm DEFAULT_ALGORITHM = DedupeAlgorithm.EXACT;
    public static final double DEFAULT_FALSE_POSITIVE_RATE = 0.001;
    public static final long DEFAULT_EXPECTED_INSERTIONS = 1_000_000L;

    public DeduplicationConfig {
        windowSize = windowSize == null ? DEFAULT_WINDOW_SIZE : windowSize;
        keyFields = keyFields == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(keyFields));
        algorithm = algorithm == null ? DEFAULT_ALGORITHM : algorithm;
        cleanupInterval = cleanupInterval == null ? DEFAULT_CLEANUP_INTERVAL : cleanupInterval;
        falsePositiveRate = falsePositiveRate == null ? DEFAULT_FALSE_POSITIVE_RATE : falsePositiveRate;
        expectedInsertions = expectedInsertions == null ? DEFAULT_EXPECTED_INSERTIONS : expectedInsertions;
    }

    /** Defaults for everything but the key fields. */
    public static DeduplicationConfig of(List<String> keyFields) {
        return new DeduplicationConfig(null, keyFields, null, null, null, null);
    }

    public DeduplicationConfig withWindowSize(Duration value) {
        return new DeduplicationConfig(value, keyFields, algorithm, cleanupInterval, falsePositiveRate, expectedInsertions);
    }

    public DeduplicationConfig withAlgorithm(DedupeAlgorithm value) {
        return new DeduplicationConfig(windowSize, keyFields, value, cleanupInterval, falsePositiveRate, expectedInsertions);
    }

    /** Every violation, paths as the JSON names ({@code key_fields: required}); see {@link #validate(String)}. */
    public List<RuleViolation> validate() {
        return validate("");
    }

    /** Every violation with paths under {@code prefix} (e.g. {@code config}). */
    public List<RuleViolation> validate(String prefix) {
        String p = prefix.isEmpty() ? "" : prefix + ".";
        List<RuleViolation> out = new ArrayList<>();
        if (keyFields.isEmpty()) {
            out.add(new RuleViolation(p + "key_fields", "required"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < keyFields.size(); i++) {
            String field = keyFields.get(i);
            if (field == null || field.isBlank()) {
                out.add(new RuleViolation(p + "key_fields[" + i + "]", "must not be blank"));
            } else if (!seen.add(field)) {
                out.add(new RuleViolation(p + "key_fields[" + i + "]", "duplicate field \"" + field + "\""));
            }
        }
        if (windowSize.isZero() || windowSize.isNegative()) {
            out.add(new RuleViolation(p + "window_size", "must be positive"));
        }
        if (cleanupInterval.isZero() || cleanupInterval.isNegative()) {
            out.add(new RuleViolation(p + "cleanup_interval", "must be positive"));
        }
        if (!(falsePositiveRate > 0 && falsePositiveRate < 0.5)) {
            out.add(new RuleViolation(p + "false_positive_rate", "must be > 0 and < 0.5, was " + falsePositiveRate));
        }
        if (expectedInsertions <= 0) {
            out.add(new RuleViolation(p + "expected_insertions", "must be positive, was " + expectedInsertions));
        }
        return out;
    }
}
