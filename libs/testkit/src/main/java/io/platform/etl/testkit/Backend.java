package io.platform.etl.testkit;

import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a component is provided. Resolution order per component: an address given in the environment
 * ({@code TESTKIT_<COMPONENT>_...}), then Testcontainers when a Docker engine answers, then an embedded
 * server started from Maven Central artifacts. {@code TESTKIT_DOCKER=never} skips the Docker probe.
 */
public enum Backend {
    EXTERNAL,
    CONTAINER,
    EMBEDDED;

    private static final Logger LOG = LoggerFactory.getLogger(Backend.class);

    static Backend resolve(Component component, Map<String, String> env, DockerProbe docker) {
        String externalKey = switch (component) {
            case POSTGRES -> "TESTKIT_POSTGRES_URL";
            case REDIS -> "TESTKIT_REDIS_URI";
            case KAFKA -> "TESTKIT_KAFKA_BOOTSTRAP";
            case S3 -> "TESTKIT_S3_ENDPOINT";
            case OIDC -> null; // tests mint their own tokens, so the provider always runs in-process
        };
        Backend chosen;
        if (externalKey != null && !env.getOrDefault(externalKey, "").isBlank()) {
            chosen = EXTERNAL;
        } else if (component != Component.OIDC
                && !"never".equals(env.getOrDefault("TESTKIT_DOCKER", "auto").toLowerCase(Locale.ROOT))
                && docker.available()) {
            chosen = CONTAINER;
        } else {
            chosen = EMBEDDED;
        }
        LOG.info("testkit: {} -> {}", component, chosen);
        return chosen;
    }
}
