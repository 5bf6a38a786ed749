package io.platform.etl.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.platform.etl.rules.support.Api;
import io.platform.etl.rules.support.TestApp;
import io.platform.etl.testkit.OidcProvider;
import io.platform.etl.testkit.TestInfra;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Authorization matrix. The service also trusts the JWKS of a second provider ("other") so that a token from it
 * has a valid signature and is refused only because of its issuer.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityIT implements TestPropertyProvider {

    private static final String BODY = "{\"pipeline\":\"p-auth\",\"rules\":[{\"id\":\"a\",\"field\":\"user_id\","
            + "\"operator\":\"not_null\"}]}";

    @Inject
    EmbeddedServer server;

    private OidcProvider other;
    private Api api;
    private OidcProvider oidc;

    @Override
    public Map<String, String> getProperties() {
        other = OidcProvider.embedded(0, null);
        Map<String, String> p = new HashMap<>(TestApp.properties(this));
        p.put("micronaut.security.token.jwt.signatures.jwks.other.url", other.jwksUri());
        p.put("rules.security.audience", OidcProvider.DEFAULT_AUDIENCE);
        return p;
    }

    @BeforeAll
    void setUp() {
        api = new Api(URI.create(server.getURL().toString()));
        oidc = TestInfra.shared().oidc();
    }

    @AfterAll
    void tearDown() {
        other.close();
    }

    private int read(String token) {
        return api.get("/api/v1/filter-rules?pipeline=p-auth", token).status();
    }

    private int write(String token) {
        return api.send("POST", "/api/v1/filter-rules", token, BODY, null).status();
    }

    @Test
    void anonymousGets401OnEveryRulesEndpoint() {
        assertThat(read(null)).isEqualTo(401);
        assertThat(write(null)).isEqualTo(401);
        assertThat(api.get("/api/v1/deduplication-rules?pipeline=p-auth", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/enrichment-rules?pipeline=p-auth", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/filter-rules/history?pipeline=p-auth", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/pipelines/p-auth/status", null).status()).isEqualTo(401);
        assertThat(api.send("POST", "/api/v1/filter-rules/preview", null, "{}", null).status()).isEqualTo(401);
        assertThat(api.send("DELETE", "/api/v1/enrichment-rules/sources/x?pipeline=p-auth", null, null, null)
                .status()).isEqualTo(401);
    }

    @Test
    void probesStayAnonymous() {
        assertThat(api.get("/health", null).status()).isEqualTo(200);
        assertThat(api.get("/prometheus", null).status()).isEqualTo(200);
    }

    @Test
    void readerReadsButGets403OnWrites() {
        String reader = oidc.token("bob", List.of("rules-reader"));
        assertThat(read(reader)).isEqualTo(200);
        assertThat(write(reader)).isEqualTo(403);
        assertThat(api.send("PUT", "/api/v1/deduplication-rules", reader, "{}", null).status()).isEqualTo(403);
        assertThat(api.send("POST", "/api/v1/filter-rules/rollback", reader, "{}", null).status()).isEqualTo(403);
    }

    @Test
    void writerWritesAndReads() {
        String writer = oidc.token("alice", List.of("rules-writer"));
        assertThat(write(writer)).isEqualTo(200);
        assertThat(read(writer)).isEqualTo(200);
    }

    @Test
    void tokenWithoutRulesRolesGets403() {
        String nobody = oidc.token("eve", List.of("offline_access"));
        assertThat(read(nobody)).isEqualTo(403);
        assertThat(write(nobody)).isEqualTo(403);
    }

    @Test
    void expiredTokenGets401() {
        String expired = oidc.token(new OidcProvider.TokenRequest("alice", List.of("rules-writer"),
                OidcProvider.DEFAULT_AUDIENCE, Duration.ofMinutes(-5)));
        assertThat(read(expired)).isEqualTo(401);
        assertThat(write(expired)).isEqualTo(401);
    }

    @Test
    void tokenOfAnotherIssuerGets401EvenWithATrustedSignature() {
        String foreign = other.token("alice", List.of("rules-writer"));
        assertThat(read(foreign)).isEqualTo(401);
        assertThat(write(foreign)).isEqualTo(401);
    }

    @Test
    void tokenForAnotherAudienceGets401() {
        String wrongAudience = oidc.token(new OidcProvider.TokenRequest("alice", List.of("rules-writer"),
                "some-other-api", Duration.ofHours(1)));
        assertThat(read(wrongAudience)).isEqualTo(401);
    }

    @Test
    void unsignedAlgNoneTokenGets401() {
        String valid = oidc.token("alice", List.of("rules-writer"));
        String payload = valid.split("\\.")[1];
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        assertThat(read(header + "." + payload + ".")).isEqualTo(401);
        assertThat(write(header + "." + payload + ".")).isEqualTo(401);
    }

    @Test
    void tamperedTokenGets401() {
        String valid = oidc.token("bob", List.of("rules-reader"));
        String[] parts = valid.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"rules-reader\"", "\"rules-writer\"");
        String tampered = parts[0] + "." + b64(claims) + "." + parts[2];
        assertThat(write(tampered)).isEqualTo(401);
        String badSignature = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        assertThat(read(badSignature)).isEqualTo(401);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
