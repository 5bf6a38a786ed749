package io.platform.etl.stage.dedupe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Settings every test run of the stage shares (in-process context or a separate JVM). */
final class StageProperties {

    private StageProperties() {
    }

    static Map<String, String> common(String topicSuffix, String redisPrefix) {
        Map<String, String> p = new HashMap<>();
        Path spec = Path.of("../config/pipeline.yaml");
        p.put("pipeline.spec", Files.exists(spec) ? spec.toString() : "missing.yaml");
        p.put("pipeline.seed-fallback", "true");
        p.put("stage.topic-suffix", topicSuffix);
        p.put("rules.redis.prefix", redisPrefix);
        // The pipeline spec says SASL_SSL; the test broker is plaintext.
        p.put("kafka.security-protocol", "PLAINTEXT");
        p.put("stage.threads", "1");
        p.put("stage.state-dir", "target/kafka-streams");
        p.put("rules.refresh-interval", "2s");
        p.put("rules.retry-interval", "200ms");
        // The tests write the stage's input themselves: watermarks come from its event times, not from marks of an
        // upstream stage.
        p.put("stage.event-time.source", "data");
        p.put("stage.event-time.interval", "100ms");
        p.put("rules.startup-wait", "5s");
        return p;
    }
}
