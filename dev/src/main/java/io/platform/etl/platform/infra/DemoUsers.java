package io.platform.etl.platform.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo users of the local OIDC provider and their realm roles, as in the realm file
 * ({@code k8s/base/keycloak/etl-realm.json}); the stand-in provider ({@code --fast-auth}) knows them too.
 */
public final class DemoUsers {

    public static final String READER = "reader";
    public static final String WRITER = "writer";
    /** The realm's public client with password grant that {@code ./platform token} uses (any id for the stand-in). */
    public static final String CLIENT_ID = "rules-cli";
    public static final String AUDIENCE = "rules-api";

    private DemoUsers() {
    }

    /** The demo password in the realm file: {@code <user>-pass} (the stand-in takes any). */
    public static String password(String user) {
        return user + "-pass";
    }

    public static Map<String, List<String>> roles() {
        Map<String, List<String>> roles = new LinkedHashMap<>();
        roles.put(READER, List.of("rules-reader"));
        roles.put(WRITER, List.of("rules-reader", "rules-writer"));
        return roles;
    }
}
