package io.platform.etl.testkit;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real infrastructure for the tests of one JVM: each server is started on first use and shared by every test
 * class of the module, and stopped when the JVM exits. Isolation between tests comes from names: a database,
 * a Redis key prefix and topic suffix per test class.
 *
 * <p>Environment variables that point tests at existing servers instead:
 * {@code TESTKIT_POSTGRES_URL} (+ {@code TESTKIT_POSTGRES_USER}, {@code TESTKIT_POSTGRES_PASSWORD}),
 * {@code TESTKIT_REDIS_URI}, {@code TESTKIT_KAFKA_BOOTSTRAP}, {@code TESTKIT_S3_ENDPOINT}
 * (+ {@code TESTKIT_S3_ACCESS_KEY}, {@code TESTKIT_S3_SECRET_KEY}, {@code TESTKIT_S3_REGION}),
 * and {@code TESTKIT_DOCKER=never} to skip Testcontainers even where a Docker engine answers.
 */
public final class TestInfra {

    private static final Logger LOG = LoggerFactory.getLogger(TestInfra.class);
    private static final String S3_ACCESS_KEY = "testkit-access";
    private static final String S3_SECRET_KEY = "testkit-secret-key";

    // One instance per JVM is the point of the kit: servers are shared by all test classes of a module.
    private static final class Holder {
        private static final TestInfra SHARED = new TestInfra(System.getenv());
    }

    private final Map<String, String> env;
    private final DockerProbe docker = new DockerProbe();
    private final Map<Component, AutoCloseable> started = new EnumMap<>(Component.class);

    private TestInfra(Map<String, String> env) {
        this.env = env;
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "testkit-shutdown"));
    }

    public static TestInfra shared() {
        return Holder.SHARED;
    }

    /** A name unique to this call: {@code base-<8 hex chars>}. */
    public static String uniqueName(String base) {
        return base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Micronaut properties that point a test at the given components, isolated for {@code owner}: a fresh database,
     * a Redis key prefix and a topic suffix of its own. See the README of this module for the keys.
     */
    public static Map<String, String> properties(Object owner, Component... components) {
        TestInfra infra = shared();
        String tag = owner.getClass().getSimpleName().toLowerCase(Locale.ROOT);
        Map<String, String> properties = new LinkedHashMap<>();
        for (Component component : components) {
            switch (component) {
                case POSTGRES -> {
                    PostgresServer pg = infra.postgres();
                    String database = pg.createDatabase(tag);
                    properties.put("datasources.default.url", pg.jdbcUrl(database));
                    properties.put("datasources.default.username", pg.username());
                    properties.put("datasources.default.password", pg.password());
                    properties.put("datasources.default.driver-class-name", "org.postgresql.Driver");
                    properties.put("datasources.default.dialect", "POSTGRES");
                }
                case REDIS -> {
                    properties.put("redis.uri", infra.redis().uri());
                    properties.put("testkit.redis.prefix", uniqueName(tag));
                }
                case KAFKA -> {
                    properties.put("kafka.bootstrap.servers", infra.kafka().bootstrapServers());
                    properties.put("testkit.kafka.suffix", uniqueName(tag));
                }
                case OIDC -> {
                    OidcProvider oidc = infra.oidc();
                    properties.put("testkit.oidc.issuer", oidc.issuer());
                    properties.put("testkit.oidc.jwks-uri", oidc.jwksUri());
                }
                case S3 -> {
                    S3Server s3 = infra.s3();
                    properties.put("testkit.s3.endpoint", s3.endpoint().toString());
                    properties.put("testkit.s3.access-key", s3.accessKey());
                    properties.put("testkit.s3.secret-key", s3.secretKey());
                    properties.put("testkit.s3.region", s3.region());
                }
            }
        }
        return properties;
    }

    public PostgresServer postgres() {
        return get(Component.POSTGRES, () -> switch (backend(Component.POSTGRES)) {
            case EXTERNAL -> PostgresServer.external(env.get("TESTKIT_POSTGRES_URL"),
                    env.getOrDefault("TESTKIT_POSTGRES_USER", "postgres"),
                    env.getOrDefault("TESTKIT_POSTGRES_PASSWORD", "postgres"));
            case CONTAINER -> PostgresServer.container();
            case EMBEDDED -> PostgresServer.embedded(0, null);
        });
    }

    public RedisServer redis() {
        return get(Component.REDIS, () -> switch (backend(Component.REDIS)) {
            case EXTERNAL -> RedisServer.external(env.get("TESTKIT_REDIS_URI"));
            case CONTAINER -> RedisServer.container();
            case EMBEDDED -> RedisServer.embedded(0);
        });
    }

    public KafkaBroker kafka() {
        return get(Component.KAFKA, () -> switch (backend(Component.KAFKA)) {
            case EXTERNAL -> KafkaBroker.external(env.get("TESTKIT_KAFKA_BOOTSTRAP"));
            case CONTAINER -> KafkaBroker.container();
            case EMBEDDED -> KafkaBroker.embedded(null);
        });
    }

    public OidcProvider oidc() {
        return get(Component.OIDC, () -> OidcProvider.embedded(0, null));
    }

    public S3Server s3() {
        return get(Component.S3, () -> switch (backend(Component.S3)) {
            case EXTERNAL -> S3Server.external(env.get("TESTKIT_S3_ENDPOINT"),
                    env.getOrDefault("TESTKIT_S3_ACCESS_KEY", S3_ACCESS_KEY),
                    env.getOrDefault("TESTKIT_S3_SECRET_KEY", S3_SECRET_KEY),
                    env.getOrDefault("TESTKIT_S3_REGION", "us-east-1"));
            case CONTAINER -> S3Server.container();
            case EMBEDDED -> S3Server.embedded(0, null, S3_ACCESS_KEY, S3_SECRET_KEY);
        });
    }

    private Backend backend(Component component) {
        return Backend.resolve(component, env, docker);
    }

    @SuppressWarnings("unchecked")
    private synchronized <T extends AutoCloseable> T get(Component component, Supplier<T> starter) {
        return (T) started.computeIfAbsent(component, c -> {
            long begin = System.nanoTime();
            T server = starter.get();
            LOG.info("testkit: {} ready in {} ms", c, (System.nanoTime() - begin) / 1_000_000);
            return server;
        });
    }

    private synchronized void stopAll() {
        started.forEach((component, server) -> {
            try {
                server.close();
            } catch (Exception e) {
                LOG.warn("testkit: stopping {} failed: {}", component, e.toString());
            }
        });
        started.clear();
    }
}
