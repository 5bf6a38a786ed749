package io.platform.etl.rules.security;

/** Keycloak realm roles of the rules API. A writer may also read. */
public final class Roles {

    public static final String READER = "rules-reader";
    public static final String WRITER = "rules-writer";

    private Roles() {
    }
}
