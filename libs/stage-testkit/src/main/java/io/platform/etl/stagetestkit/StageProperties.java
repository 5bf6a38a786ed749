package io.platform.etl.stagetestkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings every test run of a stage shares, whether it runs in the test's Micronaut context or as a
 * {@link StageProcess}: the repository's spec (or the copy), topics and Redis keys isolated by the test's suffix and
 * prefix, a plaintext broker, one stream thread, short rule-retry periods and a free HTTP port.
 */
public final class StageProperties {

    private StageProperties() {
    }

    /**
     * @param topicSuffix appended to every topic and the application id ({@code stage.topic-suffix})
     * @param redisPrefix the test's rule key prefix ({@code rules.redis.prefix})
     */
    public static Map<String, String> common(String topicSuffix, String redisPrefix) {
        Map<String, String> p = broker(topicSuffix);
        Path spec = Path.of("../config/pipeline.yaml");
        p.put("pipeline.spec", Files.exists(spec) ? spec.toString() : "missing.yaml");
        p.put("pipeline.seed-fallback", "true");
        p.put("rules.redis.prefix", redisPrefix);
        p.put("rules.refresh-interval", "2s");
        p.put("rules.retry-interval", "200ms");
        p.put("rules.startup-wait", "5s");
        return p;
    }

    /**
     * The part of {@link #common} a stage that reads no rules needs too: topics with the suffix, a plaintext
     * broker, one stream thread and a free HTTP port.
     */
    public static Map<String, String> broker(String topicSuffix) {
        Map<String, String> p = new HashMap<>();
        p.put("stage.topic-suffix", topicSuffix);
        // The pipeline spec says SASL_SSL; the test broker is plaintext.
        p.put("kafka.security-protocol", "PLAINTEXT");
        p.put("stage.threads", "1");
        p.put("stage.state-dir", "target/kafka-streams");
        // Never the service's fixed port: ./platform may be running beside the tests.
        p.put("micronaut.server.port", "-1");
        return p;
    }

    /**
     * For a test that writes a stage's input itself: watermarks come from the records' event times, not from the
     * marks of an upstream stage (ADR 0320), and advance every 100 ms.
     *
     * @return {@code properties}, with those settings added
     */
    public static Map<String, String> eventTimeFromData(Map<String, String> properties) {
        properties.put("stage.event-time.source", "data");
        properties.put("stage.event-time.interval", "100ms");
        return properties;
    }
}
