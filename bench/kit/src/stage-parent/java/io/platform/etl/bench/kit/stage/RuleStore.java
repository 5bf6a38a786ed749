package io.platform.etl.bench.kit.stage;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.platform.etl.model.rules.publish.PublishScript;
import io.platform.etl.model.rules.publish.RuleJson;
import io.platform.etl.model.rules.publish.RuleKeys;
import io.platform.etl.model.rules.publish.RuleKind;
import io.platform.etl.model.rules.publish.RuleSnapshot;
import java.time.Duration;
import java.time.Instant;

/**
 * Publishes rule snapshots the way rules-api's relay does (PublishScript) and reads the stages' applied-version
 * reports. EVAL and GET run on a plain command connection: a Lettuce connection in subscriber mode only accepts
 * (P)SUBSCRIBE/(P)UNSUBSCRIBE/PING/QUIT, so a stage's notice subscription and this publisher never share one.
 */
public final class RuleStore implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RuleKeys keys;

    public RuleStore(String uri, String prefix) {
        RedisURI redisUri = RedisURI.create(uri);
        redisUri.setTimeout(Duration.ofSeconds(5));
        this.client = RedisClient.create(redisUri);
        this.connection = client.connect();
        this.keys = new RuleKeys(prefix);
    }

    /** Stores the snapshot and announces it; fails when Redis already holds this version or a newer one. */
    public Instant publish(RuleSnapshot s) {
        Instant published = Instant.now();
        Long stored = connection.sync().eval(PublishScript.LUA, ScriptOutputType.INTEGER,
                new String[] {keys.snapshotKey(s.pipeline(), s.kind()), keys.changesChannel()},
                RuleJson.write(s), Long.toString(s.version()), RuleJson.write(s.notice()));
        if (stored == null || stored != 1L) {
            throw new IllegalStateException("Redis already had " + s.kind() + " rules v" + s.version() + " or newer");
        }
        return published;
    }

    /** applied_at of the instance's applied-version report once it reports {@code version}; null on timeout. */
    public Instant appliedAt(String pipeline, RuleKind kind, String instance, long version, Duration limit)
            throws InterruptedException {
        String key = keys.appliedKey(pipeline, kind, instance);
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            String report = connection.sync().get(key);
            if (report != null) {
                var applied = RuleJson.readReport(report);
                if (applied.version() >= version) {
                    return applied.appliedAt();
                }
            }
            // The latency is the report's own applied_at, so polling more often would only take CPU from the stage.
            Thread.sleep(5);
        }
        return null;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
