package io.platform.etl.stagetestkit;

import io.platform.etl.testkit.Component;
import io.platform.etl.testkit.TestInfra;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A stage test's share of the JVM's shared Kafka and Redis ({@link TestInfra}): the test kit's connection
 * properties plus {@link StageProperties#common}, isolated by the test's topic suffix and Redis key prefix.
 *
 * @param properties  what the stage starts with (mutable: a test adds or overrides its own settings)
 * @param suffix      appended to every topic of the test, with its leading dot
 * @param redisPrefix the test's rule key prefix
 */
public record StageTestRun(Map<String, String> properties, String suffix, String redisPrefix) {

    /** Kafka and Redis, plus {@code more} components, for the test instance {@code test}. */
    public static StageTestRun of(Object test, Component... more) {
        Component[] components = Stream.concat(Stream.of(Component.KAFKA, Component.REDIS), Arrays.stream(more))
                .toArray(Component[]::new);
        Map<String, String> p = new HashMap<>(TestInfra.properties(test, components));
        String suffix = "." + p.get("testkit.kafka.suffix");
        String redisPrefix = p.get("testkit.redis.prefix");
        p.putAll(StageProperties.common(suffix, redisPrefix));
        return new StageTestRun(p, suffix, redisPrefix);
    }

    /**
     * For a test that starts the stage itself (its own context or a {@link StageProcess}): a unique suffix and
     * prefix made from {@code name}, with the shared servers' addresses.
     */
    public static StageTestRun named(String name) {
        TestInfra infra = TestInfra.shared();
        String suffix = "." + TestInfra.uniqueName(name);
        String redisPrefix = TestInfra.uniqueName(name);
        Map<String, String> p = new HashMap<>(StageProperties.common(suffix, redisPrefix));
        p.put("kafka.bootstrap.servers", infra.kafka().bootstrapServers());
        p.put("redis.uri", infra.redis().uri());
        return new StageTestRun(p, suffix, redisPrefix);
    }

    /** Adds {@link StageProperties#eventTimeFromData}: the test writes the stage's input itself. */
    public StageTestRun eventTimeFromData() {
        StageProperties.eventTimeFromData(properties);
        return this;
    }

    /** Creates the topics, each named with the test's suffix. */
    public StageTestRun createTopics(int partitions, String... names) {
        TestInfra.shared().kafka().createTopics(partitions,
                Arrays.stream(names).map(name -> name + suffix).toArray(String[]::new));
        return this;
    }

    public String bootstrapServers() {
        return properties.get("kafka.bootstrap.servers");
    }

    public String redisUri() {
        return properties.get("redis.uri");
    }

    /** Publishes rule snapshots under the test's prefix. */
    public RedisRules rules() {
        return new RedisRules(redisUri(), redisPrefix);
    }

    /** The properties as a Micronaut context takes them. */
    public Map<String, Object> contextProperties() {
        return new HashMap<>(properties);
    }
}
