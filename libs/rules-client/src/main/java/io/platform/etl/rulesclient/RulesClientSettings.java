package io.platform.etl.rulesclient;

import io.platform.etl.model.rules.publish.RuleKeys;
import io.platform.etl.model.rules.publish.RuleKind;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one {@link RulesClient}.
 *
 * @param redisUri        e.g. {@code redis://127.0.0.1:6379}
 * @param keys            key names (prefix configurable, default {@code etl:rules})
 * @param pipeline        pipeline name ({@code metadata.name})
 * @param kind            which rules
 * @param stage           stage name reported in the applied-version report
 * @param instanceId      unique per running instance, {@code [A-Za-z0-9._-]+}
 * @param refreshInterval fallback re-read period (spec {@code dynamic_rules.refresh_interval})
 * @param retryInterval   how often to retry while Redis is unreachable (at most {@code refreshInterval})
 * @param commandTimeout  connect and command timeout
 */
public record RulesClientSettings(String redisUri, RuleKeys keys, String pipeline, RuleKind kind, String stage,
                                  String instanceId, Duration refreshInterval, Duration retryInterval,
                                  Duration commandTimeout) {

    public RulesClientSettings {
        Objects.requireNonNull(redisUri, "redisUri");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(stage, "stage");
        if (!RuleKeys.isValidName(pipeline)) {
            throw new IllegalArgumentException("pipeline must match [A-Za-z0-9._-]+, was \"" + pipeline + "\"");
        }
        if (!RuleKeys.isValidName(instanceId)) {
            throw new IllegalArgumentException("instanceId must match [A-Za-z0-9._-]+, was \"" + instanceId + "\"");
        }
        requirePositive("refreshInterval", refreshInterval);
        requirePositive("retryInterval", retryInterval);
        requirePositive("commandTimeout", commandTimeout);
        if (retryInterval.compareTo(refreshInterval) > 0) {
            retryInterval = refreshInterval;
        }
    }

    /** TTL of the applied-version report: three refresh periods, so one missed refresh does not drop it. */
    public Duration reportTtl() {
        long seconds = Math.max(3, refreshInterval.multipliedBy(3).toSeconds());
        return Duration.ofSeconds(seconds);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + value);
        }
    }
}
