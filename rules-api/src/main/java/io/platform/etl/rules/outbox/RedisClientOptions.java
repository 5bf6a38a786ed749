package io.platform.etl.rules.outbox;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * While Redis is unreachable, fail commands at once instead of queueing them (lettuce's default): the relay then
 * backs off and retries from the outbox, which is the durable queue.
 */
@Singleton
public class RedisClientOptions implements BeanCreatedEventListener<RedisClient> {

    @Override
    public RedisClient onCreated(BeanCreatedEvent<RedisClient> event) {
        RedisClient client = event.getBean();
        client.setOptions(failFast());
        return client;
    }

    ClientOptions failFast() {
        return ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
                .build();
    }
}
