package io.platform.etl.rules;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.platform.etl.model.rules.publish.AppliedVersionReport;
import io.platform.etl.model.rules.publish.RuleJson;
import io.platform.etl.model.rules.publish.RuleKeys;
import io.platform.etl.model.rules.publish.RuleKind;
import io.platform.etl.model.rules.publish.RuleSnapshot;
import io.platform.etl.rules.support.Api;
import io.platform.etl.rules.support.TestApp;
import io.platform.etl.testkit.TestInfra;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RulesApiIT implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    private Map<String, String> properties;
    private Api api;
    private String writer;
    private String reader;
    private RedisClient redisClient;
    private StatefulRedisConnection<String, String> redis;

    @Override
    public Map<String, String> getProperties() {
        properties = TestApp.properties(this);
        return properties;
    }

    @BeforeAll
    void setUp() {
        api = new Api(URI.create(server.getURL().toString()));
        writer = TestApp.writerToken();
        reader = TestApp.readerToken();
        redisClient = RedisClient.create(TestInfra.shared().redis().uri());
        redis = redisClient.connect();
    }

    @AfterAll
    void tearDown() {
        redis.close();
        redisClient.shutdown();
    }

    private RuleKeys keys() {
        return new RuleKeys(properties.get("rules.redis.prefix"));
    }

    private static String filterBody(String pipeline, String rulesJson) {
        return "{\"pipeline\":\"" + pipeline + "\",\"rules\":" + rulesJson + "}";
    }

    @Test
    void filterRulesStartAtVersionZeroAndEachWriteBumpsVersionAndEtag() {
        Api.Res empty = api.get("/api/v1/filter-rules?pipeline=p-filter", reader);
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().path("version").asLong()).isZero();
        assertThat(empty.header("ETag")).contains("\"0\"");

        String seedBody = filterBody("p-filter", """
                [{"id":"rule-001","field":"event_type","operator":"in","values":["click","purchase","signup","view"],
                  "enabled":true},
                 {"id":"rule-002","field":"user_tier","operator":"equals","value":"premium","enabled":true}]""");
        Api.Res created = api.send("POST", "/api/v1/filter-rules", writer, seedBody, null);
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.header("ETag")).contains("\"1\"");
        assertThat(created.json().path("updated_by").asText()).isEqualTo("alice");

        Api.Res read = api.get("/api/v1/filter-rules?pipeline=p-filter", reader);
        assertThat(read.json().path("version").asLong()).isEqualTo(1);
        assertThat(read.json().path("rules")).hasSize(2);
        assertThat(read.json().path("rules").get(0).path("values").toString())
                .isEqualTo("[\"click\",\"purchase\",\"signup\",\"view\"]");

        Api.Res put = api.send("PUT", "/api/v1/filter-rules", writer,
                filterBody("p-filter", "[{\"id\":\"rule-001\",\"field\":\"event_type\",\"operator\":\"equals\","
                        + "\"value\":\"click\"}]"), "\"1\"");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.header("ETag")).contains("\"2\"");
    }

    @Test
    void staleIfMatchGets412AndChangesNothing() {
        String body = filterBody("p-etag", "[{\"id\":\"a\",\"field\":\"user_id\",\"operator\":\"not_null\"}]");
        assertThat(api.send("POST", "/api/v1/filter-rules", writer, body, null).status()).isEqualTo(200);
        assertThat(api.send("POST", "/api/v1/filter-rules", writer, body, "\"1\"").status()).isEqualTo(200);

        Api.Res stale = api.send("PUT", "/api/v1/filter-rules", writer,
                filterBody("p-etag", "[]"), "\"1\"");

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        Api.Res current = api.get("/api/v1/filter-rules?pipeline=p-etag", reader);
        assertThat(current.json().path("version").asLong()).isEqualTo(2);
        assertThat(current.json().path("rules")).hasSize(1);
    }

    @Test
    void twoConcurrentWritersWithTheSameIfMatchExactlyOneWins() throws Exception {
        String body = filterBody("p-conc", "[{\"id\":\"a\",\"field\":\"user_id\",\"operator\":\"not_null\"}]");
        assertThat(api.send("POST", "/api/v1/filter-rules", writer, body, null).status()).isEqualTo(200);
        for (int round = 0; round < 5; round++) {
            long current = api.get("/api/v1/filter-rules?pipeline=p-conc", reader).json().path("version").asLong();
            String etag = "\"" + current + "\"";
            CountDownLatch start = new CountDownLatch(1);
            Callable<Integer> write = () -> {
                start.await();
                return api.send("PUT", "/api/v1/filter-rules", writer, body, etag).status();
            };
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Integer> a = pool.submit(write);
                Future<Integer> b = pool.submit(write);
                start.countDown();
                assertThat(List.of(a.get(), b.get())).containsExactlyInAnyOrder(200, 412);
            } finally {
                pool.shutdownNow();
            }
            assertThat(api.get("/api/v1/filter-rules?pipeline=p-conc", reader).json().path("version").asLong())
                    .isEqualTo(current + 1);
        }
    }

    @Test
    void everyCommittedVersionIsPublishedToRedisAsSnapshot() {
        String body = filterBody("advanced-streaming-pipeline",
                "[{\"id\":\"r1\",\"field\":\"event_type\",\"operator\":\"in\",\"values\":[\"click\"]}]");
        Api.Res res = api.send("POST", "/api/v1/filter-rules", writer, body, null);
        long version = res.json().path("version").asLong();
        String key = keys().snapshotKey("advanced-streaming-pipeline", RuleKind.FILTER);

        await("snapshot v" + version).atMost(Duration.ofSeconds(10)).until(() -> {
            String json = redis.sync().get(key);
            return json != null && RuleJson.readSnapshot(json).version() == version;
        });
        RuleSnapshot snapshot = RuleJson.readSnapshot(redis.sync().get(key));
        assertThat(snapshot.filterRules().rules()).hasSize(1);
        assertThat(snapshot.filterRules().rules().getFirst().id()).isEqualTo("r1");
    }

    @Test
    void deduplicationConfigIsReplacedAndReadBack() {
        Api.Res none = api.get("/api/v1/deduplication-rules?pipeline=p-dedupe", reader);
        assertThat(none.json().path("config").isNull()).isTrue();

        Api.Res put = api.send("PUT", "/api/v1/deduplication-rules", writer, """
                {"pipeline":"p-dedupe","config":{"window_size":"2h","key_fields":["event_id","user_id"],
                 "algorithm":"exact","cleanup_interval":"6h"}}""", null);

        assertThat(put.status()).isEqualTo(200);
        JsonNode config = api.get("/api/v1/deduplication-rules?pipeline=p-dedupe", reader).json().path("config");
        assertThat(config.path("window_size").asText()).isEqualTo("2h");
        assertThat(config.path("algorithm").asText()).isEqualTo("exact");
        assertThat(config.path("key_fields").toString()).isEqualTo("[\"event_id\",\"user_id\"]");
    }

    @Test
    void enrichmentSourcesCanBeAddedReplacedAndRemovedAndRulesReplaced() {
        Api.Res added = api.send("POST", "/api/v1/enrichment-rules/sources", writer, """
                {"pipeline":"p-enrich","source":{"name":"product_catalog","type":"database",
                 "connection":"postgresql://product-db:5432/catalog","cache_ttl":"600s",
                 "join_rules":[{"join_key":"product_id","select_fields":["category","price","brand"]}]}}""", null);
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().path("sources").get(0).path("name").asText()).isEqualTo("product_catalog");

        Api.Res duplicate = api.send("POST", "/api/v1/enrichment-rules/sources", writer, """
                {"pipeline":"p-enrich","source":{"name":"product_catalog","type":"database",
                 "connection":"postgresql://product-db:5432/catalog"}}""", null);
        assertThat(duplicate.status()).isEqualTo(409);

        Api.Res geo = api.send("POST", "/api/v1/enrichment-rules/sources", writer, """
                {"pipeline":"p-enrich","source":{"name":"geo","type":"api",
                 "endpoint":"http://geo-service:8080/location","timeout":"2s"}}""", null);
        assertThat(geo.status()).isEqualTo(201);
        assertThat(geo.header("Location")).contains("/api/v1/enrichment-rules/sources/geo?pipeline=p-enrich");
        Api.Res located = api.get(geo.header("Location").orElseThrow(), reader);
        assertThat(located.status()).isEqualTo(200);
        assertThat(located.json().path("endpoint").asText()).isEqualTo("http://geo-service:8080/location");
        assertThat(located.header("ETag")).isEqualTo(geo.header("ETag"));

        Api.Res rules = api.send("PUT", "/api/v1/enrichment-rules", writer, """
                {"pipeline":"p-enrich","rules":[{"source":"geo","join_key":"ip_address",
                 "select_fields":["country","city"]}]}""", null);
        assertThat(rules.status()).isEqualTo(200);
        assertThat(rules.json().path("rules")).hasSize(1);

        Api.Res inUse = api.send("DELETE", "/api/v1/enrichment-rules/sources/geo?pipeline=p-enrich", writer, null,
                null);
        assertThat(inUse.status()).isEqualTo(422);

        Api.Res replaced = api.send("PUT", "/api/v1/enrichment-rules/sources/product_catalog?pipeline=p-enrich",
                writer, """
                {"source":{"type":"database","connection":"postgresql://product-db-2:5432/catalog"}}""", null);
        assertThat(replaced.status()).isEqualTo(200);

        Api.Res removed = api.send("DELETE", "/api/v1/enrichment-rules/sources/product_catalog?pipeline=p-enrich",
                writer, null, null);
        assertThat(removed.status()).isEqualTo(200);
        JsonNode state = api.get("/api/v1/enrichment-rules?pipeline=p-enrich", reader).json();
        assertThat(state.path("version").asLong()).isEqualTo(5);
        assertThat(state.path("sources")).hasSize(1);
        assertThat(state.path("sources").get(0).path("name").asText()).isEqualTo("geo");

        Api.Res missing = api.send("DELETE", "/api/v1/enrichment-rules/sources/nope?pipeline=p-enrich", writer,
                null, null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(api.get("/api/v1/enrichment-rules/sources/nope?pipeline=p-enrich", reader).status())
                .isEqualTo(404);
    }

    @Test
    void historyListsAuthorTimeAndStructuredDiffNewestFirst() {
        api.send("POST", "/api/v1/filter-rules", writer, filterBody("p-hist", """
                [{"id":"a","field":"user_id","operator":"not_null"},
                 {"id":"b","field":"event_type","operator":"in","values":["click"]}]"""), null);
        String otherWriter = TestInfra.shared().oidc().token("carol", List.of("rules-writer"));
        api.send("POST", "/api/v1/filter-rules", otherWriter, filterBody("p-hist", """
                [{"id":"b","field":"event_type","operator":"in","values":["click","view"]},
                 {"id":"c","field":"amount","operator":"gt","value":10}]"""), null);

        Api.Res history = api.get("/api/v1/filter-rules/history?pipeline=p-hist&page=0&size=10", reader);

        assertThat(history.status()).isEqualTo(200);
        JsonNode versions = history.json().path("versions");
        assertThat(history.json().path("total").asLong()).isEqualTo(2);
        JsonNode latest = versions.get(0);
        assertThat(latest.path("version").asLong()).isEqualTo(2);
        assertThat(latest.path("author").asText()).isEqualTo("carol");
        assertThat(Instant.parse(latest.path("created_at").asText())).isBefore(Instant.now().plusSeconds(1));
        JsonNode diff = latest.path("diff").path("rules");
        assertThat(diff.path("added").toString()).isEqualTo("[\"c\"]");
        assertThat(diff.path("removed").toString()).isEqualTo("[\"a\"]");
        assertThat(diff.path("changed").get(0).path("id").asText()).isEqualTo("b");
        assertThat(diff.path("changed").get(0).path("fields").toString()).isEqualTo("[\"values\"]");
        assertThat(versions.get(1).path("diff").path("rules").path("added").toString()).isEqualTo("[\"a\",\"b\"]");

        Api.Res page2 = api.get("/api/v1/filter-rules/history?pipeline=p-hist&page=1&size=1", reader);
        assertThat(page2.json().path("versions").get(0).path("version").asLong()).isEqualTo(1);
    }

    @Test
    void rollbackCreatesANewVersionEqualToTheOldOne() {
        api.send("PUT", "/api/v1/deduplication-rules", writer,
                "{\"pipeline\":\"p-rollback\",\"config\":{\"window_size\":\"1h\",\"key_fields\":[\"event_id\"]}}", null);
        api.send("PUT", "/api/v1/deduplication-rules", writer,
                "{\"pipeline\":\"p-rollback\",\"config\":{\"window_size\":\"3h\",\"key_fields\":[\"user_id\"]}}", null);

        Api.Res rollback = api.send("POST", "/api/v1/deduplication-rules/rollback", writer,
                "{\"pipeline\":\"p-rollback\",\"version\":1}", "\"2\"");

        assertThat(rollback.status()).isEqualTo(200);
        assertThat(rollback.header("ETag")).contains("\"3\"");
        JsonNode current = api.get("/api/v1/deduplication-rules?pipeline=p-rollback", reader).json();
        assertThat(current.path("version").asLong()).isEqualTo(3);
        assertThat(current.path("config").path("window_size").asText()).isEqualTo("1h");
        assertThat(current.path("config").path("key_fields").toString()).isEqualTo("[\"event_id\"]");
        JsonNode entry = api.get("/api/v1/deduplication-rules/history?pipeline=p-rollback", reader).json()
                .path("versions").get(0);
        assertThat(entry.path("rollback_of").asLong()).isEqualTo(1);
        assertThat(entry.path("diff").path("config").path("changed").toString())
                .isEqualTo("[\"key_fields\",\"window_size\"]");

        Api.Res unknown = api.send("POST", "/api/v1/deduplication-rules/rollback", writer,
                "{\"pipeline\":\"p-rollback\",\"version\":99}", null);
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().path("errors").get(0).path("field").asText()).isEqualTo("version");
    }

    @Test
    void previewReportsPassOrTheFirstFailedConditionForDraftAndCurrentRules() {
        String events = """
                [{"event_id":"e1","event_type":"click","user_id":"u1"},
                 {"event_id":"e2","event_type":"scroll","user_id":"u2"},
                 {"event_id":"e3","event_type":"click"}]""";
        Api.Res draft = api.send("POST", "/api/v1/filter-rules/preview", reader, """
                {"pipeline":"p-preview","rules":[
                  {"id":"type","field":"event_type","operator":"in","values":["click","view"]},
                  {"id":"user","field":"user_id","operator":"not_null"}],
                 "events":%s}""".formatted(events), null);

        assertThat(draft.status()).isEqualTo(200);
        JsonNode results = draft.json().path("results");
        assertThat(results.get(0).path("passed").asBoolean()).isTrue();
        assertThat(results.get(1).path("passed").asBoolean()).isFalse();
        assertThat(results.get(1).path("failed_condition").path("rule_id").asText()).isEqualTo("type");
        assertThat(results.get(1).path("failed_condition").path("reason").asText()).isEqualTo("not_satisfied");
        assertThat(results.get(2).path("failed_condition").path("rule_id").asText()).isEqualTo("user");
        assertThat(results.get(2).path("failed_condition").path("reason").asText()).isEqualTo("missing_field");

        api.send("POST", "/api/v1/filter-rules", writer, filterBody("p-preview",
                "[{\"id\":\"only-scroll\",\"field\":\"event_type\",\"operator\":\"equals\",\"value\":\"scroll\"}]"),
                null);
        Api.Res current = api.send("POST", "/api/v1/filter-rules/preview", reader,
                "{\"pipeline\":\"p-preview\",\"events\":%s}".formatted(events), null);
        assertThat(current.json().path("version").asLong()).isEqualTo(1);
        assertThat(current.json().path("passed").asInt()).isEqualTo(1);
        assertThat(current.json().path("results").get(1).path("passed").asBoolean()).isTrue();
    }

    @Test
    void pipelineStatusShowsDatabaseRedisAndAppliedVersions() throws Exception {
        api.send("POST", "/api/v1/filter-rules", writer,
                filterBody("p-status", "[{\"id\":\"a\",\"field\":\"user_id\",\"operator\":\"not_null\"}]"), null);
        String key = keys().snapshotKey("p-status", RuleKind.FILTER);
        await("snapshot published").atMost(Duration.ofSeconds(10)).until(() -> redis.sync().get(key) != null);

        JsonNode before = api.get("/api/v1/pipelines/p-status/status", reader).json();
        JsonNode filter = before.path("kinds").get(0);
        assertThat(filter.path("kind").asText()).isEqualTo("filter");
        assertThat(filter.path("database_version").asLong()).isEqualTo(1);
        assertThat(filter.path("redis_version").asLong()).isEqualTo(1);
        assertThat(filter.path("applied")).isEmpty();

        AppliedVersionReport report = new AppliedVersionReport("stage-filter-1", "filter", "p-status",
                RuleKind.FILTER, 1, Instant.now());
        redis.sync().setex(keys().appliedKey("p-status", RuleKind.FILTER, "stage-filter-1"), 60,
                RuleJson.write(report));
        JsonNode after = api.get("/api/v1/pipelines/p-status/status", reader).json().path("kinds").get(0);
        assertThat(after.path("applied").get(0).path("instance_id").asText()).isEqualTo("stage-filter-1");
        assertThat(after.path("applied").get(0).path("version").asLong()).isEqualTo(1);
    }

    @Test
    void healthAndPrometheusAreAnonymousAndExposeRuleMetrics() {
        api.send("POST", "/api/v1/filter-rules", writer,
                filterBody("p-metrics", "[{\"id\":\"a\",\"field\":\"user_id\",\"operator\":\"not_null\"}]"), null);
        Api.Res health = api.get("/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("details").path("outbox-relay").path("status").asText()).isEqualTo("UP");

        Api.Res metrics = api.get("/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("rules_writes_total{kind=\"filter\"")
                .contains("rules_outbox_pending").contains("rules_outbox_lag_seconds")
                .contains("http_server_requests_seconds");
    }

    @Test
    void swaggerUiAndTheDocumentWithTheIssuersEndpointsAreServedAnonymously() {
        Api.Res ui = api.get("/swagger-ui/index.html", null);
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("usePkceWithAuthorizationCodeGrant: true");
        Api.Res doc = api.get("/swagger/rules-api.yml", null);
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.body()).contains("authorizationCode").doesNotContain("placeholder.invalid");
    }
}
