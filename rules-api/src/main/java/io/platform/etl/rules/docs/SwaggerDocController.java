package io.platform.etl.rules.docs;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.platform.etl.rules.security.OidcEndpoints;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Serves the compile-time OpenAPI document with the OAuth2 endpoints of the configured issuer (from its discovery
 * document), so Swagger UI logs in against the Keycloak this instance trusts (the committed document carries placeholders).
 */
@Controller("/swagger")
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public class SwaggerDocController {

    static final String DOC = "META-INF/swagger/rules-api.yml";
    /** The OAuth2 URL prefix of the compile-time document, replaced here with the configured issuer's. */
    public static final String PLACEHOLDER = "https://oidc-issuer.placeholder.invalid/protocol/openid-connect/";

    private final OidcEndpoints endpoints;
    private volatile String document;

    public SwaggerDocController(OidcEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Get(uri = "/rules-api.yml", produces = "application/yaml")
    public HttpResponse<String> document() {
        return HttpResponse.ok(resolved()).contentType(MediaType.of("application/yaml"));
    }

    /** Built on first request (the endpoints come from the discovery document fetched at start). */
    private String resolved() {
        String doc = document;
        if (doc == null) {
            doc = load()
                    .replace(PLACEHOLDER + "auth", endpoints.authorizationEndpoint())
                    .replace(PLACEHOLDER + "token", endpoints.tokenEndpoint());
            document = doc;
        }
        return doc;
    }

    private static String load() {
        try (InputStream in = SwaggerDocController.class.getClassLoader().getResourceAsStream(DOC)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
