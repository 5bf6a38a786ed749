package io.platform.etl.platform.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The demo users of the local OIDC provider and their Keycloak-style realm roles. */
public final class DemoUsers {

    public static final String READER = "reader";
    public static final String WRITER = "writer";
    /** The client id {@code ./platform token} and Swagger UI use; the mock provider accepts any secret. */
    public static final String CLIENT_ID = "etl-cli";
    public static final String AUDIENCE = "rules-api";

    private DemoUsers() {
    }

    public static Map<String, List<String>> roles() {
        Map<String, List<String>> roles = new LinkedHashMap<>();
        roles.put(READER, List.of("rules-reader"));
        roles.put(WRITER, List.of("rules-reader", "rules-writer"));
        return roles;
    }
}
