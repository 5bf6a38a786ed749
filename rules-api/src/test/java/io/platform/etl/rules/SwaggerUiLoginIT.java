package io.platform.etl.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.platform.etl.rules.support.Api;
import io.platform.etl.rules.support.Browser;
import io.platform.etl.rules.support.SharedKeycloak;
import io.platform.etl.rules.support.SwaggerUiPage;
import io.platform.etl.testkit.Component;
import io.platform.etl.testkit.KeycloakServer;
import io.platform.etl.testkit.TestInfra;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A rule change made in a real browser: headless Chromium opens rules-api's Swagger UI, clicks Authorize, logs in
 * on Keycloak's own login page (authorization code + PKCE, client {@code rules-api-ui}) and executes
 * {@code POST /api/v1/filter-rules} with "Try it out". Screenshots of every step: {@code target/screenshots/}.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwaggerUiLoginIT implements TestPropertyProvider {

    private static final String PIPELINE = "p-browser";
    private static final String TAG = "filter-rules";
    private static final String CREATE = "createFilterRules";
    private static final String FIRST = "{\"pipeline\":\"" + PIPELINE + "\",\"rules\":[{\"id\":\"has-user\","
            + "\"field\":\"user_id\",\"operator\":\"not_null\"}]}";
    private static final String CHANGED = "{\"pipeline\":\"" + PIPELINE + "\",\"rules\":[{\"id\":\"has-user\","
            + "\"field\":\"user_id\",\"operator\":\"not_null\"},{\"id\":\"purchases\",\"field\":\"event_type\","
            + "\"operator\":\"equals\",\"value\":\"purchase\"}]}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SharedKeycloak shared = SharedKeycloak.get();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(TestInfra.properties(this, Component.POSTGRES, Component.REDIS));
        p.put("rules.redis.prefix", p.get("testkit.redis.prefix"));
        p.put("rules.security.issuer", shared.server().issuer());
        p.put("rules.security.audience", "rules-api");
        p.put("rules.pipelines", PIPELINE);
        p.put("micronaut.server.port", String.valueOf(shared.apiPort()));
        return p;
    }

    @Test
    void writerLogsInOnKeycloakAndChangesAFilterRuleInSwaggerUi() throws Exception {
        long before = seededVersion();

        try (Browser browser = Browser.start()) {
            SwaggerUiPage.Shown shown = new SwaggerUiPage(browser, "writer")
                    .open(shared.apiUrl(), TAG, CREATE)
                    .logIn("writer", "writer-pass")
                    .execute(TAG, CREATE, CHANGED);

            assertThat(shown.status()).as(shown.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(shown.body());
            assertThat(body.path("version").asLong()).isEqualTo(before + 1);
            assertThat(body.path("updated_by").asText()).isEqualTo("writer");
            assertThat(body.path("rules").findValuesAsText("id")).containsExactly("has-user", "purchases");
        }
    }

    @Test
    void readerLogsInOnKeycloakAndSeesTheWriteRefusedInSwaggerUi() {
        try (Browser browser = Browser.start()) {
            SwaggerUiPage.Shown shown = new SwaggerUiPage(browser, "reader")
                    .open(shared.apiUrl(), TAG, CREATE)
                    .logIn("reader", "reader-pass")
                    .execute(TAG, CREATE, CHANGED);

            assertThat(shown.status()).as(shown.body()).isEqualTo(403);
        }
    }

    /** Version N of the pipeline's filter rules, written with a password-grant token, so the UI's write is N + 1. */
    private long seededVersion() throws Exception {
        KeycloakServer keycloak = shared.server();
        Api api = new Api(URI.create(shared.apiUrl()));
        Api.Res written = api.send("POST", "/api/v1/filter-rules",
                keycloak.passwordGrantToken("rules-cli", "writer", "writer-pass"), FIRST, null);
        assertThat(written.status()).as(written.body()).isBetween(200, 299);
        return written.json().path("version").asLong();
    }
}
