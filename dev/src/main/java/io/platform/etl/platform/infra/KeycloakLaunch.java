package io.platform.etl.platform.infra;

import java.nio.file.Path;

/**
 * What the infra JVM needs to run Keycloak: the distribution zip, where to keep it unpacked, the realm to import,
 * rules-api's URL (Swagger UI's redirect URI in the realm) and the log file.
 */
public record KeycloakLaunch(Path zip, Path cache, Path realm, String rulesApiUrl, Path log) {

    /** User and password of the local admin console. */
    public static final String ADMIN = "admin";

    /** The realm file the tests and {@code k8s/} use as well. */
    public static Path realmOf(Path root) {
        return root.resolve("k8s/base/keycloak/etl-realm.json");
    }
}
