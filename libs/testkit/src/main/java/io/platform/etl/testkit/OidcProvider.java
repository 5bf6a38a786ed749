package io.platform.etl.testkit;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/**
 * An in-process OAuth2/OIDC provider (mock-oauth2-server) that signs RS256 JWTs and serves discovery and JWKS.
 * Tokens carry Keycloak's shape: {@code realm_access.roles}, {@code preferred_username}, {@code aud}.
 */
public final class OidcProvider implements AutoCloseable {

    /** The issuer id, like a Keycloak realm name: the issuer is {@code http://127.0.0.1:PORT/etl}. */
    public static final String REALM = "etl";
    public static final String DEFAULT_AUDIENCE = "rules-api";

    /** What to put in a token; a negative {@code expiresIn} gives a token that expired that long ago. */
    public record TokenRequest(String subject, List<String> realmRoles, String audience, Duration expiresIn) {
    }

    private final MockOAuth2Server server;

    private OidcProvider(MockOAuth2Server server) {
        this.server = server;
    }

    /** Starts the provider on {@code port} (0 = free port), optionally with a mock-oauth2-server JSON config. */
    public static OidcProvider embedded(int port, String configJson) {
        MockOAuth2Server server = configJson == null
                ? new MockOAuth2Server()
                : new MockOAuth2Server(OAuth2Config.Companion.fromJson(configJson));
        server.start(InetAddress.getLoopbackAddress(), port == 0 ? FreePort.pick() : port);
        return new OidcProvider(server);
    }

    public String issuer() {
        return server.issuerUrl(REALM).toString();
    }

    public String jwksUri() {
        return server.jwksUrl(REALM).toString();
    }

    public String tokenEndpoint() {
        return server.tokenEndpointUrl(REALM).toString();
    }

    public String authorizationEndpoint() {
        return server.authorizationEndpointUrl(REALM).toString();
    }

    public String discoveryUrl() {
        return server.wellKnownUrl(REALM).toString();
    }

    /** A valid token for one hour with the given realm roles and audience {@value #DEFAULT_AUDIENCE}. */
    public String token(String subject, List<String> realmRoles) {
        return token(new TokenRequest(subject, realmRoles, DEFAULT_AUDIENCE, Duration.ofHours(1)));
    }

    public String token(TokenRequest request) {
        Map<String, Object> claims = Map.of(
                "sub", request.subject(),
                "preferred_username", request.subject(),
                "aud", request.audience(),
                "azp", "etl-cli",
                "realm_access", Map.of("roles", request.realmRoles()));
        return server.anyToken(server.issuerUrl(REALM), claims, request.expiresIn()).serialize();
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
