package io.platform.etl.rules.docs;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Serves the compile-time OpenAPI document with the OAuth2 endpoints of the configured issuer, so Swagger UI logs
 * in against the Keycloak this instance trusts (the committed document carries placeholders).
 */
@Controller("/swagger")
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public class SwaggerDocController {

    static final String DOC = "META-INF/swagger/rules-api.yml";
    /** The OAuth2 URL prefix of the compile-time document, replaced here with the configured issuer's. */
    public static final String PLACEHOLDER = "https://oidc-issuer.placeholder.invalid/protocol/openid-connect/";

    private final String document;

    public SwaggerDocController(@Value("${rules.openapi.authorization-url:}") String authorizationUrl,
                                @Value("${rules.openapi.token-url:}") String tokenUrl,
                                @Value("${micronaut.security.token.jwt.claims-validators.issuer}") String issuer) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        this.document = load()
                .replace(PLACEHOLDER + "auth", authorizationUrl.isBlank()
                        ? base + "/protocol/openid-connect/auth" : authorizationUrl)
                .replace(PLACEHOLDER + "token", tokenUrl.isBlank()
                        ? base + "/protocol/openid-connect/token" : tokenUrl);
    }

    @Get(uri = "/rules-api.yml", produces = "application/yaml")
    public HttpResponse<String> document() {
        return HttpResponse.ok(document).contentType(MediaType.of("application/yaml"));
    }

    private static String load() {
        try (InputStream in = SwaggerDocController.class.getClassLoader().getResourceAsStream(DOC)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
