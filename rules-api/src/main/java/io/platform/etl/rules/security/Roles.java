package io.platform.etl.rules.security;

/** Keycloak realm roles of the rules API. A writer may also read. */
public final class Roles {

    public static final String READER = "rules-reader";
    public static final String WRITER = "rules-writer";

    /** OpenAPI descriptions of who may call an operation (also as {@code x-required-roles}). */
    public static final String DOC_READ = "Role: rules-reader or rules-writer.";
    public static final String DOC_WRITE = "Role: rules-writer.";
    public static final String X_ROLES = "x-required-roles";
    public static final String X_READ = "[\"rules-reader\", \"rules-writer\"]";
    public static final String X_WRITE = "[\"rules-writer\"]";

    private Roles() {
    }
}
