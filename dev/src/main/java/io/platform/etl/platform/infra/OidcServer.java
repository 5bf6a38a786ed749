package io.platform.etl.platform.infra;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OIDC provider the platform runs, whichever it is: Keycloak (default) or the stand-in ({@code --fast-auth}).
 *
 * @param provider     what runs, for the endpoint table ({@code keycloak} or {@code stand-in})
 * @param adminConsole Keycloak's admin console, empty for the stand-in
 * @param server       what {@code close()} stops
 */
public record OidcServer(String provider, String issuer, String jwksUri, String tokenEndpoint,
        String authorizationEndpoint, String adminConsole, AutoCloseable server) implements AutoCloseable {

    public static final String KEYCLOAK = "keycloak";
    public static final String STAND_IN = "stand-in";

    /** The {@code OIDC_*} lines of {@code infra.env}. */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OIDC_PROVIDER", provider);
        env.put("OIDC_ISSUER", issuer);
        env.put("OIDC_JWKS_URI", jwksUri);
        env.put("OIDC_TOKEN_ENDPOINT", tokenEndpoint);
        env.put("OIDC_AUTHORIZATION_ENDPOINT", authorizationEndpoint);
        env.put("OIDC_DISCOVERY_URL", issuer + "/.well-known/openid-configuration");
        env.put("OIDC_CLIENT_ID", DemoUsers.CLIENT_ID);
        if (!adminConsole.isEmpty()) {
            env.put("KEYCLOAK_ADMIN_CONSOLE", adminConsole);
        }
        return env;
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
