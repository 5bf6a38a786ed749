package io.platform.etl.platform.config;

/**
 * The fixed ports of a local platform: the documented defaults plus one offset, so a second platform
 * (an integration test) can run next to a developer's without clashing. Kafka takes a free port.
 */
public record PortPlan(int offset) {

    public static final int POSTGRES = 15432;
    public static final int REDIS = 16379;
    public static final int OIDC = 18080;
    public static final int S3 = 19000;
    public static final int PROMETHEUS = 19090;

    public int postgres() {
        return POSTGRES + offset;
    }

    public int redis() {
        return REDIS + offset;
    }

    public int oidc() {
        return OIDC + offset;
    }

    public int s3() {
        return S3 + offset;
    }

    /** The local Prometheus of {@code up --monitoring}. */
    public int prometheus() {
        return PROMETHEUS + offset;
    }

    /** A service's documented port (rules-api 8080 … price-exporter 8085) moved by the offset. */
    public int service(int defaultPort) {
        return defaultPort + offset;
    }
}
