package io.platform.etl.stage.enrich.it;

import java.util.HashMap;
import java.util.Map;

/** What the enrich stage's tests set on top of the stage test kit's common settings. */
final class EnrichProperties {

    private EnrichProperties() {
    }

    /** The profiles database at {@code jdbcUrl}, lookups to 127.0.0.1 allowed, short circuit-breaker periods. */
    static Map<String, String> of(String jdbcUrl, String user, String password) {
        Map<String, String> p = new HashMap<>();
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
