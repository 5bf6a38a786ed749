package io.platform.etl.stagetestkit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.platform.etl.model.rules.publish.PublishScript;
import io.platform.etl.model.rules.publish.RuleJson;
import io.platform.etl.model.rules.publish.RuleKeys;
import io.platform.etl.model.rules.publish.RuleSnapshot;

/**
 * Publishes rule snapshots exactly as rules-api's relay does ({@link PublishScript}: snapshot and change notice,
 * atomically), under a test's own key prefix.
 */
public final class RedisRules {

    private final String uri;
    private final RuleKeys keys;

    public RedisRules(String uri, String prefix) {
        this.uri = uri;
        this.keys = new RuleKeys(prefix);
    }

    /** @return 1 when stored and announced, 0 when Redis already had that version or newer */
    public long publish(RuleSnapshot snapshot) {
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            return c.sync().eval(PublishScript.LUA, ScriptOutputType.INTEGER,
                    new String[] {keys.snapshotKey(snapshot.pipeline(), snapshot.kind()), keys.changesChannel()},
                    RuleJson.write(snapshot), Long.toString(snapshot.version()), RuleJson.write(snapshot.notice()));
        } finally {
            client.shutdown();
        }
    }
}
