package io.platform.etl.rules.security;

import io.micronaut.context.BeanProvider;
import io.micronaut.security.oauth2.client.OpenIdProviderMetadata;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The OAuth2 endpoints of the configured issuer, read from its discovery document
 * ({@code micronaut.security.oauth2.clients.keycloak.openid.issuer}): what Swagger UI logs in at. Fetched on first
 * use, so the service starts even while the provider is still booting.
 */
@Singleton
public class OidcEndpoints {

    /** The name of the OpenID client in application.yml. */
    public static final String CLIENT = "keycloak";

    private final BeanProvider<OpenIdProviderMetadata> metadata;

    public OidcEndpoints(@Named(CLIENT) BeanProvider<OpenIdProviderMetadata> metadata) {
        this.metadata = metadata;
    }

    public String authorizationEndpoint() {
        return metadata.get().getAuthorizationEndpoint();
    }

    public String tokenEndpoint() {
        return metadata.get().getTokenEndpoint();
    }
}
