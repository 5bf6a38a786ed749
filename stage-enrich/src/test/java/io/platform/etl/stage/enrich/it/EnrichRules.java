package io.platform.etl.stage.enrich.it;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.platform.etl.model.rules.enrich.EnrichmentRule;
import io.platform.etl.model.rules.enrich.EnrichmentRuleSet;
import io.platform.etl.model.rules.enrich.EnrichmentSource;
import io.platform.etl.model.rules.publish.PublishScript;
import io.platform.etl.model.rules.publish.RuleJson;
import io.platform.etl.model.rules.publish.RuleKeys;
import io.platform.etl.model.rules.publish.RuleSnapshot;
import java.time.Instant;
import java.util.List;

/** Publishes enrichment rules exactly as rules-api's relay does (PublishScript: snapshot + notice, atomically). */
final class EnrichRules {

    private final String uri;
    private final RuleKeys keys;
    private final String pipeline;

    EnrichRules(String uri, String prefix, String pipeline) {
        this.uri = uri;
        this.keys = new RuleKeys(prefix);
        this.pipeline = pipeline;
    }

    void publish(long version, List<EnrichmentSource> sources, List<EnrichmentRule> rules) {
        RuleSnapshot snapshot = RuleSnapshot.ofEnrichment(pipeline, version, Instant.now(),
                new EnrichmentRuleSet(sources, rules));
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            long stored = c.sync().eval(PublishScript.LUA, ScriptOutputType.INTEGER,
                    new String[] {keys.snapshotKey(pipeline, snapshot.kind()), keys.changesChannel()},
                    RuleJson.write(snapshot), Long.toString(version), RuleJson.write(snapshot.notice()));
            if (stored != 1) {
                throw new IllegalStateException("Redis already had version " + version);
            }
        } finally {
            client.shutdown();
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
