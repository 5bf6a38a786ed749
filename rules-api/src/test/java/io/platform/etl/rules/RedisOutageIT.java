package io.platform.etl.rules;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.platform.etl.model.rules.publish.RuleChangeNotice;
import io.platform.etl.model.rules.publish.RuleJson;
import io.platform.etl.model.rules.publish.RuleKeys;
import io.platform.etl.model.rules.publish.RuleKind;
import io.platform.etl.rules.outbox.OutboxStore;
import io.platform.etl.rules.support.Api;
import io.platform.etl.rules.support.TestApp;
import io.platform.etl.testkit.RedisServer;
import io.platform.etl.testkit.TestInfra;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Writes keep working while Redis is down; every version arrives in order once it is back. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisOutageIT implements TestPropertyProvider {

    private static final String PIPELINE = "p-outage";

    @Inject
    EmbeddedServer server;

    private Map<String, String> properties;
    private Api api;
    private String writer;

    @Override
    public Map<String, String> getProperties() {
        properties = new HashMap<>(TestApp.properties(this));
        properties.put("rules.outbox.initial-backoff", "100ms");
        properties.put("rules.outbox.max-backoff", "1s");
        return properties;
    }

    @BeforeAll
    void setUp() {
        api = new Api(URI.create(server.getURL().toString()));
        writer = TestApp.writerToken();
    }

    private long write(int n) {
        String body = "{\"pipeline\":\"" + PIPELINE + "\",\"rules\":[{\"id\":\"r" + n + "\",\"field\":\"user_id\","
                + "\"operator\":\"not_null\"}]}";
        Api.Res res = api.send("POST", "/api/v1/filter-rules", writer, body, null);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.json().path("version").asLong();
    }

    private java.sql.Connection holdRelayLock() {
        try {
            java.sql.Connection c = java.sql.DriverManager.getConnection(properties.get("datasources.default.url"),
                    properties.get("datasources.default.username"), properties.get("datasources.default.password"));
            try (var st = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
                st.setLong(1, OutboxStore.RELAY_LOCK);
                st.execute();
            }
            return c;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void release(java.sql.Connection c) {
        try (c) {
            try (var st = c.prepareStatement("SELECT pg_advisory_unlock_all()")) {
                st.execute();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void writesSucceedWhileRedisIsDownAndAllVersionsArriveInOrderAfterwards() {
        RedisServer redis = TestInfra.shared().redis();
        RuleKeys keys = new RuleKeys(properties.get("rules.redis.prefix"));
        String snapshotKey = keys.snapshotKey(PIPELINE, RuleKind.FILTER);
        long first = write(0);
        RedisClient client = RedisClient.create(redis.uri());
        try {
            await("first version published").atMost(Duration.ofSeconds(10)).until(() -> {
                try (var c = client.connect()) {
                    return c.sync().get(snapshotKey) != null;
                }
            });

            redis.stop();
            List<Long> written = new java.util.ArrayList<>();
            java.sql.Connection lock = null;
            try {
                for (int i = 1; i <= 5; i++) {
                    written.add(write(i));
                }
                assertThat(written).containsExactly(first + 1, first + 2, first + 3, first + 4, first + 5);
                await("health shows the relay degraded").atMost(Duration.ofSeconds(15)).until(() -> {
                    Api.Res health = api.get("/health", null);
                    return "DEGRADED".equals(health.json().path("details").path("outbox-relay")
                            .path("status").asText());
                });
                assertThat(api.get("/health", null).json().path("details").path("outbox-relay").path("details")
                        .path("pending").asLong()).isGreaterThanOrEqualTo(0);
                // Hold the relay's lock (as a second service instance would) from before Redis is back until we
                // listen on the channel, so the test sees every notice the relay publishes after the restart.
                lock = holdRelayLock();
            } finally {
                redis.start();
            }
            List<Long> notices = new CopyOnWriteArrayList<>();
            StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    RuleChangeNotice notice = RuleJson.readNotice(message);
                    if (notice.pipeline().equals(PIPELINE)) {
                        notices.add(notice.version());
                    }
                }
            });
            sub.sync().subscribe(keys.changesChannel());
            release(lock);
            try {
                await("last version in Redis").atMost(Duration.ofSeconds(20)).until(() -> {
                    try (var c = client.connect()) {
                        String json = c.sync().get(snapshotKey);
                        return json != null && RuleJson.readSnapshot(json).version() == first + 5;
                    }
                });
                await("all notices").atMost(Duration.ofSeconds(5)).until(() -> notices.size() >= 5);
                assertThat(notices).containsExactlyElementsOf(written);
                try (var c = client.connect()) {
                    assertThat(RuleJson.readSnapshot(c.sync().get(snapshotKey)).filterRules().rules().getFirst().id())
                            .isEqualTo("r5");
                }
                await("relay healthy again").atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(
                        api.get("/health", null).json().path("details").path("outbox-relay").path("status").asText()));
            } finally {
                sub.close();
            }
        } finally {
            client.shutdown();
        }
    }
}
