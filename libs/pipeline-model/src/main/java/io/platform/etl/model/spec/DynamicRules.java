package io.platform.etl.model.spec;

import java.time.Duration;

/**
 * {@code config.dynamic_rules} of filter/deduplicate/enrich: whether rules from the rules API are layered over
 * the static ones, and how often the Redis snapshot is re-read as a fallback (default 30s).
 */
public record DynamicRules(boolean enabled, String apiEndpoint, Duration refreshInterval, String ruleStore) {

    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(30);
    public static final DynamicRules DISABLED = new DynamicRules(false, null, DEFAULT_REFRESH, "redis");
}
