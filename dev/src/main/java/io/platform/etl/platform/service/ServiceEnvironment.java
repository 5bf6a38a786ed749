package io.platform.etl.platform.service;

import io.platform.etl.platform.config.PlatformPaths;
import io.platform.etl.platform.infra.EnrichDemo;
import io.platform.etl.platform.infra.InfraSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The platform-wide environment contract (docs/design.md) for a service process, filled from what the
 * infra JVM reported in {@code infra.env}. Every service gets the whole contract; each reads what it needs.
 */
public final class ServiceEnvironment {

    private ServiceEnvironment() {
    }

    public static Map<String, String> of(ServiceSpec service, int port, Map<String, String> infra, PlatformPaths paths,
            boolean demo) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", Integer.toString(port));
        env.put("KAFKA_BOOTSTRAP_SERVERS", infra.get("KAFKA_BOOTSTRAP_SERVERS"));
        // The embedded broker is plaintext; the spec's source says SASL_SSL (production), which stages honour otherwise.
        env.put("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT");
        env.put("REDIS_URI", infra.get("REDIS_URI"));
        // rules-api reads JWKS and Swagger UI's endpoints from the issuer's discovery document.
        env.put("OIDC_ISSUER", infra.get("OIDC_ISSUER"));
        env.put("PIPELINE_SPEC", paths.pipelineSpec().toString());
        // Kafka Streams state (stage-dedupe, stage-aggregate; the stages on the loop ignore it, ADR 0337) under this
        // platform's home: a second platform (or a test) runs the same application ids, and two instances in one
        // state directory refuse to start.
        env.put("STAGE_STATE_DIR", paths.data().resolve("kafka-streams").resolve(service.name()).toString());
        database(env, "RULES_DB", infra, "rules");
        database(env, "PROFILES_DB", infra, "profiles");
        env.putAll(EnrichDemo.serviceEnv(infra));
        env.putAll(exporter(infra, paths));
        // rules-api seeds its own demo rules (idempotently, never over an operator's version) when asked to.
        env.put("RULES_DEMO_ENABLED", Boolean.toString(demo));
        return env;
    }

    /** The price exporter's variables (also used by {@code ./platform export}). */
    public static Map<String, String> exporter(Map<String, String> infra, PlatformPaths paths) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DB_HOST", infra.get("PG_HOST"));
        env.put("DB_PORT", infra.get("PG_PORT"));
        env.put("DB_NAME", "catalog");
        env.put("DB_USER", infra.get("PG_USER"));
        env.put("DB_PASSWORD", infra.get("PG_PASSWORD"));
        env.put("STORAGE_ENDPOINT", infra.get("S3_ENDPOINT"));
        env.put("STORAGE_REGION", infra.get("S3_REGION"));
        env.put("STORAGE_ACCESS_KEY", infra.get("S3_ACCESS_KEY"));
        env.put("STORAGE_SECRET_KEY", infra.get("S3_SECRET_KEY"));
        env.put("STORAGE_BUCKET", InfraSpec.BUCKET);
        env.put("STORAGE_PREFIX", "price-lists");
        env.put("OUTPUT_FORMATS", "csv,xlsx");
        env.put("EXPORT_WORK_DIR", paths.data().resolve("exporter-work").toString());
        return env;
    }

    public static String jdbcUrl(Map<String, String> infra, String database) {
        return "jdbc:postgresql://" + infra.get("PG_HOST") + ":" + infra.get("PG_PORT") + "/" + database;
    }

    private static void database(Map<String, String> env, String prefix, Map<String, String> infra, String db) {
        env.put(prefix + "_URL", jdbcUrl(infra, db));
        env.put(prefix + "_USER", infra.get("PG_USER"));
        env.put(prefix + "_PASSWORD", infra.get("PG_PASSWORD"));
    }
}
