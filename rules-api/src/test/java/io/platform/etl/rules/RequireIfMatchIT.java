package io.platform.etl.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.platform.etl.rules.support.Api;
import io.platform.etl.rules.support.TestApp;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** With RULES_REQUIRE_IF_MATCH=true a blind write is refused with 428 and changes nothing. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequireIfMatchIT implements TestPropertyProvider {

    private static final String BODY = "{\"pipeline\":\"p-428\",\"rules\":[{\"id\":\"r1\",\"field\":\"user_id\","
            + "\"operator\":\"not_null\"}]}";

    @Inject
    EmbeddedServer server;

    private Api api;
    private String writer;
    private String reader;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestApp.properties(this));
        properties.put("rules.require-if-match", "true");
        return properties;
    }

    @BeforeAll
    void setUp() {
        api = new Api(URI.create(server.getURL().toString()));
        writer = TestApp.writerToken();
        reader = TestApp.readerToken();
    }

    @Test
    void writeWithoutIfMatchGets428AndWritesNothingThenTheCurrentEtagIsAccepted() {
        Api.Res blind = api.send("POST", "/api/v1/filter-rules", writer, BODY, null);

        assertThat(blind.status()).as(blind.body()).isEqualTo(428);
        assertThat(blind.contentType()).startsWith("application/problem+json");
        assertThat(blind.body()).contains("if-match-required", "If-Match");
        Api.Res unchanged = api.get("/api/v1/filter-rules?pipeline=p-428", reader);
        assertThat(unchanged.header("ETag")).contains("\"0\"");

        Api.Res created = api.send("POST", "/api/v1/filter-rules", writer, BODY, "\"0\"");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.header("ETag")).contains("\"1\"");
        assertThat(api.send("PUT", "/api/v1/filter-rules", writer, BODY, null).status()).isEqualTo(428);
        assertThat(api.get("/api/v1/filter-rules?pipeline=p-428", reader).header("ETag")).contains("\"1\"");
    }
}
