package io.platform.etl.rules.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.platform.etl.rules.config.RedisSettings;
import io.platform.etl.rules.support.Poll;
import io.platform.etl.testkit.RedisServer;
import io.platform.etl.testkit.TestInfra;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The gateway keeps one Redis connection across an outage: none is left behind when Redis comes back. */
class RedisGatewayIT {

    @Test
    void anOutageLeavesExactlyOneConnectionOpenAfterRecovery() throws Exception {
        RedisServer redis = TestInfra.shared().redis();
        String name = "gateway-it-" + UUID.randomUUID().toString().substring(0, 8);
        RedisClient appClient = RedisClient.create(RedisURI.builder().withHost(redis.host()).withPort(redis.port())
                .withClientName(name).build());
        appClient.setOptions(new RedisClientOptions().failFast());
        RedisClient probe = RedisClient.create(redis.uri());
        RedisGateway gateway = new RedisGateway(appClient, new RedisSettings("it:" + name));
        try {
            assertThat(gateway.get("it:" + name + ":missing")).isEmpty();
            assertThat(connectionsNamed(probe, name)).isEqualTo(1);

            redis.stop();
            try {
                assertThatThrownBy(() -> gateway.get("it:" + name + ":missing")).isNotNull();
                Thread.sleep(1500); // lettuce's reconnect attempts back off meanwhile
            } finally {
                redis.start();
            }
            Poll.until(Duration.ofSeconds(10), "gateway answers again", () -> {
                try {
                    return gateway.get("it:" + name + ":missing").isEmpty();
                } catch (RuntimeException stillReconnecting) {
                    return false;
                }
            });
            // The superseded connection, had it been left open, reconnects within lettuce's backoff (~2 s here).
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < until) {
                assertThat(connectionsNamed(probe, name)).as("connections named %s", name).isLessThanOrEqualTo(1);
                Thread.sleep(250);
            }
            assertThat(connectionsNamed(probe, name)).isEqualTo(1);
        } finally {
            gateway.close();
            appClient.shutdown();
            probe.shutdown();
        }
    }

    private static long connectionsNamed(RedisClient probe, String name) {
        try (var c = probe.connect()) {
            return Arrays.stream(c.sync().clientList().split("\n")).filter(l -> l.contains(" name=" + name + " "))
                    .count();
        }
    }
}
