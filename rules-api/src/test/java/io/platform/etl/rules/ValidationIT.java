package io.platform.etl.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.platform.etl.rules.support.Api;
import io.platform.etl.rules.support.TestApp;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad bodies get a 4xx application/problem+json naming the field; nothing is stored; no input yields a 5xx. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ValidationIT implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    private Api api;
    private String writer;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(TestApp.properties(this));
        p.put("micronaut.server.max-request-size", "16384");
        return p;
    }

    @BeforeAll
    void setUp() {
        api = new Api(URI.create(server.getURL().toString()));
        writer = TestApp.writerToken();
    }

    Stream<Arguments> badBodies() {
        String filter = "/api/v1/filter-rules";
        String dedupe = "/api/v1/deduplication-rules";
        String sources = "/api/v1/enrichment-rules/sources";
        return Stream.of(
                Arguments.of("POST", filter, "{\"pipeline\":\"p-valid\",\"rules\":[{\"id\":\"a\",\"field\":\"x\","
                        + "\"operator\":\"between\",\"value\":1}]}", 422, "rules[0].operator"),
                Arguments.of("POST", filter, "{\"pipeline\":\"p-valid\",\"rules\":[{\"id\":\"a\",\"field\":\"x\","
                        + "\"operator\":\"in\"}]}", 422, "rules[0].values"),
                Arguments.of("POST", filter, "{\"pipeline\":\"p-valid\",\"rules\":[{\"id\":\"a\",\"field\":\"x\","
                        + "\"operator\":\"regex\",\"value\":\"([a-z\"}]}", 422, "rules[0].value"),
                Arguments.of("POST", filter, "{\"pipeline\":\"no-such-pipeline\",\"rules\":[]}", 422, "pipeline"),
                Arguments.of("POST", filter, "{\"pipeline\":\"bad name!\",\"rules\":[]}", 422, "pipeline"),
                Arguments.of("POST", filter, "{\"rules\":[]}", 422, "pipeline"),
                Arguments.of("POST", filter, "{\"pipeline\":\"p-valid\"}", 422, "rules"),
                Arguments.of("PUT", dedupe, "{\"pipeline\":\"p-valid\",\"config\":{\"window_size\":\"2hours\","
                        + "\"key_fields\":[\"event_id\"]}}", 422, "config.window_size"),
                Arguments.of("PUT", dedupe, "{\"pipeline\":\"p-valid\",\"config\":{\"window_size\":\"2h\","
                        + "\"key_fields\":[]}}", 422, "config.key_fields"),
                Arguments.of("PUT", dedupe, "{\"pipeline\":\"p-valid\",\"config\":{\"key_fields\":[\"a\"],"
                        + "\"algorithm\":\"lru\"}}", 422, "config.algorithm"),
                Arguments.of("PUT", dedupe, "{\"pipeline\":\"p-valid\"}", 422, "config"),
                Arguments.of("POST", sources, "{\"pipeline\":\"p-valid\",\"source\":{\"name\":\"db\",\"type\":"
                        + "\"database\",\"connection\":\"postgresql://admin:secret@db:5432/x\"}}", 422,
                        "source.connection"),
                Arguments.of("POST", sources, "{\"pipeline\":\"p-valid\",\"source\":{\"name\":\"meta\",\"type\":"
                        + "\"api\",\"endpoint\":\"http://169.254.169.254/latest/meta-data\"}}", 422,
                        "source.endpoint"),
                Arguments.of("POST", sources, "{\"pipeline\":\"p-valid\",\"source\":{\"name\":\"x\",\"type\":"
                        + "\"database\",\"connection\":\"postgresql://db/x\",\"cache_ttl\":\"soon\"}}", 422,
                        "source.cache_ttl"),
                Arguments.of("POST", sources, "{\"pipeline\":\"p-valid\"}", 422, "source"),
                Arguments.of("PUT", "/api/v1/enrichment-rules", "{\"pipeline\":\"p-valid\",\"rules\":[{\"source\":"
                        + "\"ghost\",\"join_key\":\"user_id\",\"select_fields\":[\"a\"]}]}", 422, "rules[0].source"),
                Arguments.of("POST", "/api/v1/filter-rules/rollback", "{\"pipeline\":\"p-valid\",\"version\":\"x\"}",
                        422, "version"),
                Arguments.of("POST", "/api/v1/filter-rules/preview", "{\"pipeline\":\"p-valid\",\"events\":[1]}",
                        422, "events[0]"));
    }

    @ParameterizedTest(name = "{0} {1} → {3} naming {4}")
    @MethodSource("badBodies")
    void badBodyIsRejectedWithProblemNamingTheField(String method, String path, String body, int status,
                                                    String field) {
        Api.Res res = api.send(method, path, writer, body, null);

        assertThat(res.status()).as(res.body()).isEqualTo(status);
        assertThat(res.contentType()).startsWith("application/problem+json");
        assertThat(res.json().path("title").asText()).isNotBlank();
        assertThat(res.json().path("type").asText()).isNotBlank();
        assertThat(res.json().path("status").asInt()).isEqualTo(status);
        assertThat(res.json().path("errors").findValuesAsText("field")).as(res.body()).contains(field);
    }

    /** Every operation with a body, each with a string that PostgreSQL's jsonb cannot hold in a nested member. */
    Stream<Arguments> unstorableBodies() {
        List<Arguments> out = new ArrayList<>();
        for (String bad : List.of("\\u0000", "a\\ud800", "\\udc00b")) {
            String s = "\"x" + bad + "\"";
            out.add(Arguments.of("POST", "/api/v1/filter-rules", "{\"pipeline\":\"p-valid\",\"rules\":[{\"id\":"
                    + s + ",\"field\":\"x\",\"operator\":\"not_null\"}]}", "rules[0].id"));
            out.add(Arguments.of("PUT", "/api/v1/filter-rules", "{\"pipeline\":\"p-valid\",\"rules\":[{\"field\":\"x\","
                    + "\"operator\":\"in\",\"values\":[\"a\"," + s + "]}]}", "rules[0].values[1]"));
            out.add(Arguments.of("POST", "/api/v1/filter-rules/preview", "{\"pipeline\":\"p-valid\",\"events\":"
                    + "[{\"geo\":{\"city\":" + s + "}}]}", "events[0].geo.city"));
            out.add(Arguments.of("PUT", "/api/v1/deduplication-rules", "{\"pipeline\":\"p-valid\",\"config\":"
                    + "{\"window_size\":\"2h\",\"key_fields\":[" + s + "]}}", "config.key_fields[0]"));
            out.add(Arguments.of("PUT", "/api/v1/enrichment-rules", "{\"pipeline\":\"p-valid\",\"rules\":[],"
                    + "\"sources\":[{\"name\":\"db\",\"type\":\"database\",\"connection\":" + s + "}]}",
                    "sources[0].connection"));
            out.add(Arguments.of("POST", "/api/v1/enrichment-rules/sources", "{\"pipeline\":\"p-valid\",\"source\":"
                    + "{\"name\":" + s + ",\"type\":\"api\",\"endpoint\":\"http://geo-service/x\"}}", "source.name"));
            out.add(Arguments.of("PUT", "/api/v1/enrichment-rules/sources/geo?pipeline=p-valid", "{\"source\":"
                    + "{\"type\":\"api\",\"endpoint\":\"http://geo-service/" + bad + "\"}}", "source.endpoint"));
            for (String kind : List.of("filter-rules", "deduplication-rules", "enrichment-rules")) {
                out.add(Arguments.of("POST", "/api/v1/" + kind + "/rollback", "{\"pipeline\":" + s
                        + ",\"version\":1}", "pipeline"));
            }
            out.add(Arguments.of("POST", "/api/v1/filter-rules", "{\"pipeline\":\"p-valid\",\"rules\":[],"
                    + s + ":1}", "body"));
        }
        out.add(Arguments.of("POST", "/api/v1/filter-rules/preview", "{\"pipeline\":\"p-valid\",\"events\":"
                + "[{\"amount\":1e1000000}]}", "events[0].amount"));
        out.add(Arguments.of("PUT", "/api/v1/filter-rules", "{\"pipeline\":\"p-valid\",\"rules\":[{\"field\":\"x\","
                + "\"operator\":\"gt\",\"value\":1e-100000}]}", "rules[0].value"));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} naming {3}")
    @MethodSource("unstorableBodies")
    void whatStorageCannotHoldIs422NamingTheField(String method, String path, String body, String field) {
        Api.Res res = api.send(method, path, writer, body, null);

        assertThat(res.status()).as(res.body()).isEqualTo(422);
        assertThat(res.contentType()).startsWith("application/problem+json");
        assertThat(res.json().path("errors").findValuesAsText("field")).as(res.body()).contains(field);
        assertThat(api.get("/api/v1/filter-rules?pipeline=p-valid", writer).json().path("version").asLong()).isZero();
    }

    @Test
    void backreferenceRegexIsRefusedAtWriteAndInPreview() {
        String rule = "{\"id\":\"r\",\"field\":\"name\",\"operator\":\"regex\",\"value\":\"^(a+)+\\\\1$\"}";
        Api.Res write = api.send("POST", "/api/v1/filter-rules", writer,
                "{\"pipeline\":\"p-valid\",\"rules\":[" + rule + "]}", null);
        assertThat(write.status()).as(write.body()).isEqualTo(422);
        assertThat(write.json().path("errors").get(0).path("field").asText()).isEqualTo("rules[0].value");
        assertThat(write.json().path("errors").get(0).path("message").asText()).contains("backreferences");
        Api.Res preview = api.send("POST", "/api/v1/filter-rules/preview", writer,
                "{\"pipeline\":\"p-valid\",\"rules\":[" + rule + "],\"events\":[{\"name\":\"aaa\"}]}", null);
        assertThat(preview.status()).isEqualTo(422);
    }

    @Test
    void catastrophicRegexPreviewAnswersAtOnce() {
        String events = String.join(",", Collections.nCopies(3,
                "{\"name\":\"" + "a".repeat(4_000) + "!\"}"));
        long start = System.nanoTime();
        Api.Res preview = api.send("POST", "/api/v1/filter-rules/preview", writer, "{\"pipeline\":\"p-valid\","
                + "\"rules\":[{\"field\":\"name\",\"operator\":\"regex\",\"value\":\"^(a+)+$\"}],"
                + "\"events\":[" + events + "]}", null);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().path("failed").asInt()).isEqualTo(3);
        assertThat(took).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void invalidWritesStoreNothing() {
        api.send("POST", "/api/v1/filter-rules", writer,
                "{\"pipeline\":\"p-valid\",\"rules\":[{\"id\":\"a\",\"field\":\"x\",\"operator\":\"between\"}]}",
                null);
        Api.Res current = api.get("/api/v1/filter-rules?pipeline=p-valid", writer);
        assertThat(current.json().path("version").asLong()).isZero();
    }

    @Test
    void everyErrorOfABodyIsReportedAtOnce() {
        Api.Res res = api.send("POST", "/api/v1/filter-rules", writer, "{\"pipeline\":\"p-valid\",\"rules\":["
                + "{\"id\":\"a\",\"field\":\"x\",\"operator\":\"between\"},"
                + "{\"id\":\"b\",\"field\":\"y\",\"operator\":\"in\"}]}", null);
        assertThat(res.json().path("errors").findValuesAsText("field"))
                .contains("rules[0].operator", "rules[1].values");
    }

    @ParameterizedTest(name = "malformed: {0}")
    @MethodSource("malformed")
    void malformedJsonIs400Problem(String body) {
        Api.Res res = api.send("POST", "/api/v1/filter-rules", writer, body, null);
        assertThat(res.status()).isEqualTo(400);
        assertThat(res.contentType()).startsWith("application/problem+json");
    }

    Stream<String> malformed() {
        return Stream.of("{", "[]", "\"text\"", "{\"pipeline\":", "null", "{\"a\":1}}", " ");
    }

    @Test
    void oversizedBodyIs413() {
        String big = "{\"pipeline\":\"p-valid\",\"rules\":[],\"pad\":\"" + "x".repeat(40_000) + "\"}";
        Api.Res res = api.send("POST", "/api/v1/filter-rules", writer, big, null);
        assertThat(res.status()).isEqualTo(413);
    }

    @Test
    void badQueryParametersAre400ProblemsNamingTheParameter() {
        Api.Res unknown = api.get("/api/v1/filter-rules?pipeline=nope", writer);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("errors").get(0).path("field").asText()).isEqualTo("pipeline");
        Api.Res missing = api.get("/api/v1/filter-rules", writer);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        Api.Res size = api.get("/api/v1/filter-rules/history?pipeline=p-valid&size=100000", writer);
        assertThat(size.status()).isEqualTo(400);
        Api.Res emptySize = api.get("/api/v1/filter-rules/history?pipeline=p-valid&page=0&size=", writer);
        assertThat(emptySize.status()).isEqualTo(400);
        assertThat(emptySize.json().path("errors").get(0).path("field").asText()).isEqualTo("size");
        Api.Res kind = api.get("/api/v1/other-rules/history?pipeline=p-valid", writer);
        assertThat(kind.status()).isEqualTo(400);
        Api.Res status = api.get("/api/v1/pipelines/nope/status", writer);
        assertThat(status.status()).isEqualTo(400);
    }

    @Test
    void wrongContentTypeIs415Problem() {
        Api.Res res = api.send("POST", "/api/v1/filter-rules", writer, null, null);
        assertThat(res.status()).isBetween(400, 499);
        assertThat(res.contentType()).startsWith("application/problem+json");
    }
}
