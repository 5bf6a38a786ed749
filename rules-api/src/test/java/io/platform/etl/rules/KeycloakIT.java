package io.platform.etl.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.platform.etl.rules.support.Api;
import io.platform.etl.rules.support.SharedKeycloak;
import io.platform.etl.testkit.Component;
import io.platform.etl.testkit.KeycloakServer;
import io.platform.etl.testkit.TestInfra;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The service against a real Keycloak (the platform's realm, {@code k8s/base/keycloak/etl-realm.json}), configured
 * the way it is deployed: only {@code OIDC_ISSUER} and {@code RULES_AUDIENCE}; JWKS and endpoints come from the
 * issuer's discovery document. Tokens come from Keycloak's own endpoints (password grant for scripts, client
 * credentials for machines; authorization code + PKCE, as Swagger UI does it, for people). The Keycloak is shared
 * with the other classes of this JVM ({@link SharedKeycloak}).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeycloakIT implements TestPropertyProvider {

    private static final String PIPELINE = "p-keycloak";
    private static final String CLI = "rules-cli";
    private static final String BODY = "{\"pipeline\":\"" + PIPELINE + "\",\"rules\":[{\"id\":\"has-user\","
            + "\"field\":\"user_id\",\"operator\":\"not_null\"}]}";

    @Inject
    EmbeddedServer server;

    private KeycloakServer keycloak;
    private Api api;

    @Override
    public Map<String, String> getProperties() {
        SharedKeycloak shared = SharedKeycloak.get();
        keycloak = shared.server();
        Map<String, String> p = new HashMap<>(TestInfra.properties(this, Component.POSTGRES, Component.REDIS));
        p.put("rules.redis.prefix", p.get("testkit.redis.prefix"));
        // What OIDC_ISSUER and RULES_AUDIENCE map to in application.yml; nothing else.
        p.put("rules.security.issuer", keycloak.issuer());
        p.put("rules.security.audience", "rules-api");
        p.put("rules.pipelines", PIPELINE);
        p.put("micronaut.server.port", String.valueOf(shared.apiPort()));
        return p;
    }

    @BeforeAll
    void setUp() {
        api = new Api(URI.create(server.getURL().toString()));
    }

    @Test
    void writerTokenFromKeycloakWritesRulesAndHistoryNamesTheKeycloakUser() {
        String writer = keycloak.passwordGrantToken(CLI, "writer", "writer-pass");

        Api.Res written = api.send("POST", "/api/v1/filter-rules", writer, BODY, null);

        assertThat(written.status()).as(written.body()).isBetween(200, 299);
        assertThat(written.json().path("updated_by").asText()).isEqualTo("writer");
        Api.Res history = api.get("/api/v1/filter-rules/history?pipeline=" + PIPELINE, writer);
        assertThat(history.status()).isEqualTo(200);
        JsonNode latest = history.json().path("versions").path(0);
        assertThat(latest.path("author").asText()).isEqualTo("writer");
        assertThat(latest.path("version").asLong()).isEqualTo(written.json().path("version").asLong());
    }

    @Test
    void readerTokenFromKeycloakReadsButGets403OnWrites() {
        String reader = keycloak.passwordGrantToken(CLI, "reader", "reader-pass");

        assertThat(api.get("/api/v1/filter-rules?pipeline=" + PIPELINE, reader).status()).isEqualTo(200);
        assertThat(api.send("POST", "/api/v1/filter-rules", reader, BODY, null).status()).isEqualTo(403);
        assertThat(api.send("PUT", "/api/v1/deduplication-rules", reader, "{}", null).status()).isEqualTo(403);
    }

    @Test
    void machineClientWithClientCredentialsReadsButCannotWrite() {
        String machine = keycloak.clientCredentialsToken("etl-machine", "etl-machine-dev-secret");

        assertThat(api.get("/api/v1/filter-rules?pipeline=" + PIPELINE, machine).status()).isEqualTo(200);
        assertThat(api.send("POST", "/api/v1/filter-rules", machine, BODY, null).status()).isEqualTo(403);
    }

    @Test
    void keycloakUserWithoutRulesRolesGets403() {
        String outsider = keycloak.passwordGrantToken(CLI, "outsider", "outsider-pass");

        assertThat(api.get("/api/v1/filter-rules?pipeline=" + PIPELINE, outsider).status()).isEqualTo(403);
    }

    @Test
    void requestWithoutTokenGets401() {
        assertThat(api.get("/api/v1/filter-rules?pipeline=" + PIPELINE, null).status()).isEqualTo(401);
        assertThat(api.send("POST", "/api/v1/filter-rules", null, BODY, null).status()).isEqualTo(401);
    }

    @Test
    void tokenFromAnotherProviderWithTheRightClaimsGets401() {
        String foreign = TestInfra.shared().oidc().token("writer", List.of("rules-reader", "rules-writer"));

        assertThat(api.get("/api/v1/filter-rules?pipeline=" + PIPELINE, foreign).status()).isEqualTo(401);
        assertThat(api.send("POST", "/api/v1/filter-rules", foreign, BODY, null).status()).isEqualTo(401);
    }

    @Test
    void swaggerUiDocumentPointsAtKeycloaksOwnEndpoints() {
        Api.Res doc = api.get("/swagger/rules-api.yml", null);

        assertThat(doc.status()).isEqualTo(200);
        assertThat(yamlValue(doc.body(), "authorizationUrl")).isEqualTo(keycloak.authorizationEndpoint());
        assertThat(yamlValue(doc.body(), "tokenUrl")).isEqualTo(keycloak.tokenEndpoint());
    }

    /**
     * What a person does in Swagger UI, minus the browser: the UI's client id, an authorization code request with
     * PKCE to the document's authorizationUrl, Keycloak's login form, the code exchanged at the document's tokenUrl
     * (a CORS request from the UI's origin), and the resulting token used against the API.
     */
    @Test
    void swaggerUiLoginWithPkceAgainstKeycloakYieldsATokenTheApiAccepts() throws Exception {
        String page = api.get("/swagger-ui/index.html", null).body();
        String clientId = match(page, "clientId:\\s*\"([^\"]+)\"");
        assertThat(page).contains("usePkceWithAuthorizationCodeGrant: true");
        String doc = api.get("/swagger/rules-api.yml", null).body();
        String origin = "http://localhost:" + server.getPort();
        String redirectUri = origin + "/swagger-ui/oauth2-redirect.html";
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String verifier = randomUrlSafe();

        Map<String, String> authParams = new LinkedHashMap<>();
        authParams.put("response_type", "code");
        authParams.put("client_id", clientId);
        authParams.put("redirect_uri", redirectUri);
        authParams.put("scope", "openid");
        authParams.put("state", "s1");
        authParams.put("code_challenge", s256(verifier));
        authParams.put("code_challenge_method", "S256");
        HttpResponse<String> loginPage = browser.send(HttpRequest.newBuilder(
                URI.create(yamlValue(doc, "authorizationUrl") + "?" + form(authParams))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(loginPage.statusCode()).as(loginPage.body()).isEqualTo(200);
        String action = match(loginPage.body(), "<form id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"")
                .replace("&amp;", "&");

        HttpResponse<String> loggedIn = browser.send(HttpRequest.newBuilder(post(action, Map.of("username", "reader",
                "password", "reader-pass", "credentialId", ""), keycloakOrigin()), (name, value) -> true)
                .header("Cookie", cookies(loginPage)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(loggedIn.statusCode()).as(loggedIn.body()).isEqualTo(302);
        URI back = URI.create(loggedIn.headers().firstValue("Location").orElseThrow());
        assertThat(back.getScheme() + "://" + back.getAuthority() + back.getPath()).isEqualTo(redirectUri);
        Map<String, String> query = parseQuery(back);
        assertThat(query).containsEntry("state", "s1");

        HttpResponse<String> tokens = browser.send(post(yamlValue(doc, "tokenUrl"), Map.of(
                "grant_type", "authorization_code", "client_id", clientId, "code", query.get("code"),
                "redirect_uri", redirectUri, "code_verifier", verifier), origin), HttpResponse.BodyHandlers.ofString());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.headers().firstValue("Access-Control-Allow-Origin")).contains(origin);
        String accessToken = new Api.Res(200, tokens.headers(), tokens.body()).json().path("access_token").asText();

        assertThat(api.get("/api/v1/filter-rules?pipeline=" + PIPELINE, accessToken).status()).isEqualTo(200);
        assertThat(api.send("POST", "/api/v1/filter-rules", accessToken, BODY, null).status()).isEqualTo(403);
    }

    /**
     * Keycloak marks its session cookies {@code Secure} even on http://localhost; browsers send those to
     * localhost (a secure context), java.net.CookieManager does not, so they are carried by hand.
     */
    private static String cookies(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .map(c -> c.split(";", 2)[0])
                .collect(Collectors.joining("; "));
    }

    private String keycloakOrigin() {
        URI issuer = URI.create(keycloak.issuer());
        return issuer.getScheme() + "://" + issuer.getAuthority();
    }

    /** A form POST as a browser sends it, with the page's origin. */
    private static HttpRequest post(String url, Map<String, String> fields, String origin) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build();
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> parseQuery(URI uri) {
        Map<String, String> out = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(kv[0], kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return out;
    }

    private static String yamlValue(String yaml, String key) {
        return match(yaml, "(?m)^\\s*" + key + ":\\s*(\\S+)\\s*$");
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("no match for %s in:%n%s", regex, text).isTrue();
        return m.group(1);
    }

    private static String randomUrlSafe() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String s256(String verifier) throws NoSuchAlgorithmException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}
