package io.platform.etl.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * A real Redis server. {@link #stop()} and {@link #start()} simulate an outage and recovery on the same
 * address: the embedded server is stopped and started again on its port; a container is paused and resumed.
 */
public final class RedisServer implements AutoCloseable {

    private final String host;
    private final int port;
    private final Lifecycle lifecycle;

    private interface Lifecycle extends AutoCloseable {
        void stop();

        void start();
    }

    private RedisServer(String host, int port, Lifecycle lifecycle) {
        this.host = host;
        this.port = port;
        this.lifecycle = lifecycle;
    }

    /** Starts a redis-server binary shipped in the embedded-redis jar; {@code port} 0 picks a free one. */
    public static RedisServer embedded(int port) {
        int chosen = port == 0 ? FreePort.pick() : port;
        try {
            redis.embedded.RedisServer server = redis.embedded.RedisServer.newRedisServer()
                    .port(chosen)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .onShutdownForceStop(true)
                    .build();
            Lifecycle lifecycle = new Lifecycle() {
                @Override
                public void stop() {
                    try {
                        server.stop();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void start() {
                    try {
                        server.start();
                    } catch (IOException e) {
                        throw new UncheckedIOException("redis-server did not start on port " + chosen, e);
                    }
                }

                @Override
                public void close() {
                    if (server.isActive()) {
                        stop();
                    }
                }
            };
            lifecycle.start();
            return new RedisServer("127.0.0.1", chosen, lifecycle);
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server could not be prepared", e);
        }
    }

    static RedisServer container() {
        GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
        container.start();
        var docker = DockerClientFactory.instance().client();
        Lifecycle lifecycle = new Lifecycle() {
            @Override
            public void stop() {
                docker.pauseContainerCmd(container.getContainerId()).exec();
            }

            @Override
            public void start() {
                docker.unpauseContainerCmd(container.getContainerId()).exec();
            }

            @Override
            public void close() {
                container.stop();
            }
        };
        return new RedisServer(container.getHost(), container.getMappedPort(6379), lifecycle);
    }

    static RedisServer external(String uri) {
        URI parsed = URI.create(uri);
        Lifecycle unsupported = new Lifecycle() {
            @Override
            public void stop() {
                throw new UnsupportedOperationException("cannot stop an external Redis given by TESTKIT_REDIS_URI");
            }

            @Override
            public void start() {
                throw new UnsupportedOperationException("cannot start an external Redis given by TESTKIT_REDIS_URI");
            }

            @Override
            public void close() {
            }
        };
        return new RedisServer(parsed.getHost(), parsed.getPort() < 0 ? 6379 : parsed.getPort(), unsupported);
    }

    public String uri() {
        return "redis://" + host + ":" + port;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** Takes the server down: clients see connection failures until {@link #start()}. */
    public void stop() {
        lifecycle.stop();
    }

    /** Brings the server back on the same address (with an empty data set for the embedded server). */
    public void start() {
        lifecycle.start();
    }

    @Override
    public void close() throws Exception {
        lifecycle.close();
    }
}
