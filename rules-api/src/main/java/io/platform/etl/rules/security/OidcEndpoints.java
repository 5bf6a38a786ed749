package io.platform.etl.rules.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.security.oauth2.client.OpenIdProviderMetadata;
import jakarta.inject.Named;

/**
 * The OAuth2 endpoints of the configured issuer, read from its discovery document
 * ({@code micronaut.security.oauth2.clients.keycloak.openid.issuer}): what Swagger UI logs in at.
 *
 * <p>Created at start ({@code @Context}) so the discovery document is fetched then, on the main thread: fetched
 * lazily, the first bearer token would trigger a blocking fetch on a Netty event loop, which Micronaut's HTTP client
 * refuses (every token a 401). An unreachable issuer therefore stops the service at start, naming the URL.
 */
@Context
public class OidcEndpoints {

    /** The name of the OpenID client in application.yml. */
    public static final String CLIENT = "keycloak";

    private final OpenIdProviderMetadata metadata;

    public OidcEndpoints(@Named(CLIENT) OpenIdProviderMetadata metadata) {
        this.metadata = metadata;
    }

    public String authorizationEndpoint() {
        return metadata.getAuthorizationEndpoint();
    }

    public String tokenEndpoint() {
        return metadata.getTokenEndpoint();
    }
}
