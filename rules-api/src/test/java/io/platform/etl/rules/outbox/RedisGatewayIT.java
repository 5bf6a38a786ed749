package io.platform.etl.rules.outbox;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.event.connection.ReconnectAttemptEvent;
import io.platform.etl.rules.config.RedisSettings;
import io.platform.etl.testkit.RedisServer;
import io.platform.etl.testkit.TestInfra;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/** The gateway keeps one Redis connection across an outage: none is left behind when Redis comes back. */
class RedisGatewayIT {

    @Test
    void anOutageLeavesExactlyOneConnectionOpenAfterRecovery() {
        RedisServer redis = TestInfra.shared().redis();
        String name = "gateway-it-" + UUID.randomUUID().toString().substring(0, 8);
        RedisClient appClient = RedisClient.create(RedisURI.builder().withHost(redis.host()).withPort(redis.port())
                .withClientName(name).build());
        appClient.setOptions(new RedisClientOptions().failFast());
        AtomicReference<Duration> reconnectDelay = new AtomicReference<>(Duration.ZERO);
        Disposable reconnects = appClient.getResources().eventBus().get()
                .ofType(ReconnectAttemptEvent.class).subscribe(e -> reconnectDelay.set(e.getDelay()));
        RedisClient probeClient = RedisClient.create(redis.uri());
        RedisGateway gateway = new RedisGateway(appClient, new RedisSettings("it:" + name));
        try (StatefulRedisConnection<String, String> probe = probeClient.connect()) {
            String missing = "it:" + name + ":missing";
            assertThat(gateway.get(missing)).isEmpty();
            assertThat(connectionsNamed(probe, name)).isEqualTo(1);

            redis.stop();
            try {
                assertThatThrownBy(() -> gateway.get(missing)).isNotNull();
                // Let lettuce's own reconnect loop back off, so that after the restart the gateway reconnects
                // before the old connection does: the case where a superseded connection used to stay open.
                await("reconnect attempts 500 ms apart").atMost(Duration.ofSeconds(15))
                        .until(() -> reconnectDelay.get().toMillis() >= 500);
            } finally {
                redis.start();
            }
            await("gateway answers again").atMost(Duration.ofSeconds(10)).until(() -> {
                try {
                    return gateway.get(missing).isEmpty();
                } catch (RuntimeException stillReconnecting) {
                    return false;
                }
            });
            // A superseded connection left open would reconnect within its next backoff (at most twice the last).
            Duration quiet = reconnectDelay.get().multipliedBy(2).plusSeconds(1);
            await("at most one connection named " + name).during(quiet).atMost(quiet.plusSeconds(5))
                    .until(() -> connectionsNamed(probe, name) <= 1);
            assertThat(connectionsNamed(probe, name)).isEqualTo(1);
        } finally {
            reconnects.dispose();
            gateway.close();
            appClient.shutdown();
            probeClient.shutdown();
        }
    }

    private static long connectionsNamed(StatefulRedisConnection<String, String> probe, String name) {
        return Arrays.stream(probe.sync().clientList().split("\n")).filter(l -> l.contains(" name=" + name + " "))
                .count();
    }
}
