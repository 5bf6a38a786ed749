package io.platform.etl.rules.support;

import io.platform.etl.testkit.Component;
import io.platform.etl.testkit.TestInfra;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Properties that point the service at the test kit's PostgreSQL, Redis and OIDC provider. */
public final class TestApp {

    public static final String PIPELINES = "advanced-streaming-pipeline,p-filter,p-dedupe,p-enrich,p-conc,p-hist,"
            + "p-rollback,p-preview,p-status,p-valid,p-etag,p-outage,p-auth,p-metrics,p-bench,p-428,p-fuzz";

    private TestApp() {
    }

    public static Map<String, String> properties(Object owner) {
        Map<String, String> p = new HashMap<>(TestInfra.properties(owner, Component.POSTGRES, Component.REDIS,
                Component.OIDC));
        p.put("rules.redis.prefix", p.get("testkit.redis.prefix"));
        p.put("rules.security.issuer", p.get("testkit.oidc.issuer"));
        p.put("rules.pipelines", PIPELINES);
        p.put("rules.enrichment.allowed-api-hosts", "geo-service,catalog-api");
        p.put("micronaut.server.port", "-1");
        return p;
    }

    /** A token of the test kit's OIDC provider for "alice", who may read and write rules. */
    public static String writerToken() {
        return TestInfra.shared().oidc().token("alice", List.of("rules-writer"));
    }

    /** A token for "bob", who may only read. */
    public static String readerToken() {
        return TestInfra.shared().oidc().token("bob", List.of("rules-reader"));
    }
}
