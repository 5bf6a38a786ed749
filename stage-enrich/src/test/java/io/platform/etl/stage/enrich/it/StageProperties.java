package io.platform.etl.stage.enrich.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Settings every test run of the stage shares. */
final class StageProperties {

    private StageProperties() {
    }

    static Map<String, String> common(String topicSuffix, String redisPrefix, String jdbcUrl, String user,
                                      String password) {
        Map<String, String> p = new HashMap<>();
        Path spec = Path.of("../config/pipeline.yaml");
        p.put("pipeline.spec", Files.exists(spec) ? spec.toString() : "missing.yaml");
        p.put("pipeline.seed-fallback", "true");
        p.put("stage.topic-suffix", topicSuffix);
        p.put("rules.redis.prefix", redisPrefix);
        p.put("kafka.security-protocol", "PLAINTEXT");
        p.put("rules.refresh-interval", "2s");
        p.put("rules.retry-interval", "200ms");
        p.put("rules.startup-wait", "10s");
        p.put("enrich.allowed-api-hosts", "127.0.0.1");
        p.put("enrich.databases.profiles.match", "profiles");
        p.put("enrich.databases.profiles.jdbc-url", jdbcUrl);
        p.put("enrich.databases.profiles.username", user);
        p.put("enrich.databases.profiles.password", password);
        p.put("enrich.circuit-open-duration", "2s");
        p.put("enrich.retry-backoff", "20ms");
        return p;
    }
}
