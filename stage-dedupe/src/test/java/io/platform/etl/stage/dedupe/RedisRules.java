package io.platform.etl.stage.dedupe;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.platform.etl.model.rules.dedupe.DeduplicationConfig;
import io.platform.etl.model.rules.publish.PublishScript;
import io.platform.etl.model.rules.publish.RuleJson;
import io.platform.etl.model.rules.publish.RuleKeys;
import io.platform.etl.model.rules.publish.RuleSnapshot;
import java.time.Instant;

/** Publishes deduplication rules exactly as rules-api's relay does (PublishScript: snapshot + notice, atomically). */
final class RedisRules {

    private final String uri;
    private final RuleKeys keys;
    private final String pipeline;

    RedisRules(String uri, String prefix, String pipeline) {
        this.uri = uri;
        this.keys = new RuleKeys(prefix);
        this.pipeline = pipeline;
    }

    /** @return 1 when stored and announced, 0 when Redis already had that version or newer */
    long publish(long version, DeduplicationConfig config) {
        RuleSnapshot snapshot = RuleSnapshot.ofDeduplication(pipeline, version, Instant.now(), config);
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            return c.sync().eval(PublishScript.LUA, ScriptOutputType.INTEGER,
                    new String[] {keys.snapshotKey(pipeline, snapshot.kind()), keys.changesChannel()},
                    RuleJson.write(snapshot), Long.toString(version), RuleJson.write(snapshot.notice()));
        } finally {
            client.shutdown();
        }
    }
}
