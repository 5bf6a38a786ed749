package io.platform.etl.rules;

import io.micronaut.runtime.Micronaut;
import io.platform.etl.rules.docs.SwaggerDocController;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.OAuthFlow;
import io.swagger.v3.oas.annotations.security.OAuthFlows;
import io.swagger.v3.oas.annotations.security.OAuthScope;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Entry point of the Rules API service. */
@OpenAPIDefinition(
        info = @Info(title = "rules-api", version = "1",
                description = "Filter, deduplication and enrichment rules of the streaming pipelines. Every change "
                        + "is versioned (ETag/If-Match), kept with its author and diff, and published to the stages "
                        + "through Redis. Log in with Keycloak (realm roles rules-reader / rules-writer)."),
        security = @SecurityRequirement(name = "keycloak"))
// The URLs are placeholders replaced at runtime by SwaggerDocController with the configured issuer's endpoints.
@SecurityScheme(name = "keycloak", type = SecuritySchemeType.OAUTH2,
        description = "Keycloak (OIDC_ISSUER), authorization code with PKCE. Operations need realm role rules-reader "
                + "or rules-writer (see each operation's x-required-roles). The URLs in the committed "
                + "openapi/rules-api.yml are placeholders: the document served at /swagger/rules-api.yml carries the "
                + "configured issuer's (OIDC_AUTHORIZATION_URL / OIDC_TOKEN_URL, default Keycloak paths under "
                + "OIDC_ISSUER).",
        flows = @OAuthFlows(authorizationCode = @OAuthFlow(
                authorizationUrl = SwaggerDocController.PLACEHOLDER + "auth",
                tokenUrl = SwaggerDocController.PLACEHOLDER + "token",
                scopes = @OAuthScope(name = "openid", description = "OpenID Connect sign-in"))))
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).start();
    }
}
