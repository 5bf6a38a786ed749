package io.platform.etl.rules.outbox;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.platform.etl.model.rules.publish.PublishScript;
import io.platform.etl.model.rules.publish.RuleJson;
import io.platform.etl.model.rules.publish.RuleKeys;
import io.platform.etl.model.rules.publish.RuleSnapshot;
import io.platform.etl.rules.config.RedisSettings;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The service's single Redis connection, opened lazily so the service starts (and accepts writes) while Redis is
 * down; lettuce reconnects it afterwards and rejects commands while disconnected (see {@link RedisClientOptions}).
 */
@Singleton
public class RedisGateway {

    private final RedisClient client;
    private final RuleKeys keys;
    private StatefulRedisConnection<String, String> connection;

    public RedisGateway(RedisClient client, RedisSettings settings) {
        this.client = client;
        this.keys = new RuleKeys(settings.prefix());
    }

    public RuleKeys keys() {
        return keys;
    }

    /** Runs {@link PublishScript#LUA}; true when Redis stored it, false when it already held this or a newer one. */
    public boolean publish(RuleSnapshot snapshot) {
        Long stored = commands().eval(PublishScript.LUA, ScriptOutputType.INTEGER,
                new String[] {keys.snapshotKey(snapshot.pipeline(), snapshot.kind()), keys.changesChannel()},
                RuleJson.write(snapshot), Long.toString(snapshot.version()), RuleJson.write(snapshot.notice()));
        return stored != null && stored == 1L;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(commands().get(key));
    }

    /** Values of every key matching the pattern (SCAN, never KEYS). */
    public List<String> scanValues(String pattern) {
        RedisCommands<String, String> redis = commands();
        List<String> values = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(pattern).limit(500));
            if (!page.getKeys().isEmpty()) {
                for (KeyValue<String, String> kv : redis.mget(page.getKeys().toArray(String[]::new))) {
                    if (kv.hasValue()) { // the key may have expired between SCAN and MGET
                        values.add(kv.getValue());
                    }
                }
            }
            cursor = page;
        } while (!cursor.isFinished());
        return values;
    }

    /**
     * Connects on first use, and again when the connection is down: lettuce would reconnect it by itself
     * (autoReconnect, {@link RedisClientOptions}), but its backoff grows to 30 s, and the outbox relay wants Redis
     * back as soon as it answers. The superseded connection is closed, or its reconnect loop would keep it alive.
     */
    private synchronized RedisCommands<String, String> commands() {
        if (connection == null || !connection.isOpen()) {
            StatefulRedisConnection<String, String> fresh = client.connect(); // throws while Redis is down
            if (connection != null) {
                connection.closeAsync();
            }
            connection = fresh;
        }
        return connection.sync();
    }

    @PreDestroy
    synchronized void close() {
        if (connection != null) {
            connection.close();
        }
    }
}
