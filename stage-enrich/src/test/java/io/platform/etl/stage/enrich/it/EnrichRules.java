package io.platform.etl.stage.enrich.it;

import io.platform.etl.model.rules.enrich.EnrichmentRule;
import io.platform.etl.model.rules.enrich.EnrichmentRuleSet;
import io.platform.etl.model.rules.enrich.EnrichmentSource;
import io.platform.etl.model.rules.publish.RuleSnapshot;
import io.platform.etl.stagetestkit.RedisRules;
import java.time.Instant;
import java.util.List;

/** Publishes enrichment rules of the spec's pipeline through the stage test kit, and builds them. */
final class EnrichRules {

    private static final String PIPELINE = "advanced-streaming-pipeline";

    private final RedisRules redis;

    EnrichRules(RedisRules redis) {
        this.redis = redis;
    }

    void publish(long version, List<EnrichmentSource> sources, List<EnrichmentRule> rules) {
        RuleSnapshot snapshot = RuleSnapshot.ofEnrichment(PIPELINE, version, Instant.now(),
                new EnrichmentRuleSet(sources, rules));
        if (redis.publish(snapshot) != 1) {
            throw new IllegalStateException("Redis already had version " + version);
        }
    }

    static EnrichmentSource database(String name, String connection, String ttl) {
        return new EnrichmentSource(name, io.platform.etl.model.rules.enrich.SourceType.DATABASE, connection, null,
                io.platform.etl.model.duration.Durations.parse(ttl), null, 0, null, null);
    }

    static EnrichmentSource api(String name, String endpoint, String timeout, int retries) {
        return new EnrichmentSource(name, io.platform.etl.model.rules.enrich.SourceType.API, null, endpoint,
                null, io.platform.etl.model.duration.Durations.parse(timeout), retries, null, null);
    }

    static EnrichmentRule rule(String source, String joinKey, String condition, String... fields) {
        return new EnrichmentRule(source, joinKey, List.of(fields), condition);
    }
}
