package io.platform.etl.rulesclient;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Redis side of a {@link RulesClient}: one command connection and one subscription, created lazily (Redis may be
 * down at start) and re-established by Lettuce after a drop (it also re-subscribes). Commands fail fast while
 * disconnected instead of queueing, so the caller can fall back to its last rules.
 */
final class RedisLink implements AutoCloseable {

    private final ClientResources resources;
    private final RedisClient client;
    private final String channel;
    private final Consumer<String> onMessage;
    private StatefulRedisConnection<String, String> commands;
    private StatefulRedisPubSubConnection<String, String> subscription;

    RedisLink(String uri, Duration timeout, String channel, Consumer<String> onMessage, Runnable onConnected,
              Runnable onDisconnected) {
        this.channel = channel;
        this.onMessage = onMessage;
        // Small pools: a stage needs two connections, not a thread per core.
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(1)
                .computationThreadPoolSize(1)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, RedisURI.create(uri));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .build());
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                onConnected.run();
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                onDisconnected.run();
            }
        });
    }

    /** Connects and subscribes if not done yet. @throws io.lettuce.core.RedisException when Redis is unreachable */
    synchronized void ensureConnected() {
        if (commands == null) {
            commands = client.connect();
        }
        if (subscription == null) {
            StatefulRedisPubSubConnection<String, String> pubSub = client.connectPubSub();
            pubSub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String ch, String message) {
                    onMessage.accept(message);
                }
            });
            pubSub.sync().subscribe(channel);
            subscription = pubSub;
        }
    }

    String get(String key) {
        return connection().sync().get(key);
    }

    void setWithTtl(String key, String value, Duration ttl) {
        connection().sync().set(key, value, SetArgs.Builder.ex(ttl.toSeconds()));
    }

    private synchronized StatefulRedisConnection<String, String> connection() {
        ensureConnected();
        return commands;
    }

    @Override
    public synchronized void close() {
        if (subscription != null) {
            subscription.close();
        }
        if (commands != null) {
            commands.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
