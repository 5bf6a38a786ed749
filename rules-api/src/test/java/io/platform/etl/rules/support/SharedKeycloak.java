package io.platform.etl.rules.support;

import io.platform.etl.testkit.FreePort;
import io.platform.etl.testkit.KeycloakServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One real Keycloak per test JVM, shared by every test class that needs it (it takes ~25 s to start), with the
 * platform's realm ({@code k8s/base/keycloak/etl-realm.json}). The realm registers Swagger UI's redirect URI with a
 * port, so the classes that log in through Swagger UI run the service on {@link #apiPort()}, one class at a time.
 * Maven passes {@code keycloak.home} (the unpacked distribution) and {@code keycloak.realm}.
 */
public final class SharedKeycloak {

    // Per-JVM sharing is the point, as in the test kit's TestInfra.
    private static final class Holder {
        private static final SharedKeycloak INSTANCE = new SharedKeycloak();
    }

    private final int apiPort;
    private final KeycloakServer server;

    private SharedKeycloak() {
        apiPort = FreePort.pick();
        // KeycloakServer stops the process in a shutdown hook when the test JVM exits.
        server = KeycloakServer.start(path("keycloak.home"), 0, path("keycloak.realm"),
                Map.of("RULES_API_URL", apiUrl()));
    }

    public static SharedKeycloak get() {
        return Holder.INSTANCE;
    }

    public KeycloakServer server() {
        return server;
    }

    /** The port the service under test listens on: the realm's Swagger UI redirect URI names it. */
    public int apiPort() {
        return apiPort;
    }

    public String apiUrl() {
        return "http://localhost:" + apiPort;
    }

    private static Path path(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank() || !Files.exists(Path.of(value))) {
            throw new IllegalStateException("system property " + property + " is not set or names nothing (" + value
                    + "): run through Maven (./mvnw -pl rules-api verify), which unpacks"
                    + " org.keycloak:keycloak-quarkus-dist and points at k8s/base/keycloak/etl-realm.json");
        }
        return Path.of(value);
    }
}
