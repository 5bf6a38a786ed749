package io.platform.etl.stage.enrich.it;

import static io.platform.etl.stage.enrich.it.EnrichRules.api;
import static io.platform.etl.stage.enrich.it.EnrichRules.database;
import static io.platform.etl.stage.enrich.it.EnrichRules.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.platform.etl.model.event.EventCodec;
import io.platform.etl.model.rules.enrich.EnrichmentRule;
import io.platform.etl.model.rules.enrich.EnrichmentSource;
import io.platform.etl.rulesclient.RuleHolder;
import io.platform.etl.stage.enrich.enrich.EnrichmentHeader;
import io.platform.etl.stage.enrich.lookup.LookupMetrics;
import io.platform.etl.stage.enrich.lookup.LookupRegistry;
import io.platform.etl.stage.enrich.rules.EnrichmentPlan;
import io.platform.etl.stageruntime.dlq.DeadLetters;
import io.platform.etl.stageruntime.eventtime.WatermarkMark;
import io.platform.etl.stageruntime.eventtime.WatermarkRecords;
import io.platform.etl.stageruntime.spec.StageSection;
import io.platform.etl.stagetestkit.KafkaIo;
import io.platform.etl.stagetestkit.StageTestRun;
import io.platform.etl.testkit.CommittedTopicReader;
import io.platform.etl.testkit.Component;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The enrich stage in one Micronaut context against the test kit's Kafka, Redis and PostgreSQL and a real HTTP geo
 * service. The rules come from Redis (published before the stage starts), with the test's database and geo server.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnrichStageIT implements TestPropertyProvider {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PROFILES = "user_profiles";
    private static final String FLAGS = "profile_flags";
    private static final String GEO = "geo_location";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    StageSection section;

    @Inject
    RuleHolder<EnrichmentPlan> rules;

    @Inject
    LookupRegistry registry;

    @Inject
    MeterRegistry meters;

    private KafkaIo kafka;
    private GeoServer geo;
    private Profiles db;
    private EnrichRules publisher;
    private String bootstrap;

    @Override
    public Map<String, String> getProperties() {
        StageTestRun run = StageTestRun.of(this, Component.POSTGRES)
                .createTopics(2, "events.deduplicated", "events.enriched", "events.dlq");
        Map<String, String> p = run.properties();
        bootstrap = run.bootstrapServers();
        String url = p.remove("datasources.default.url");
        String user = p.remove("datasources.default.username");
        String password = p.remove("datasources.default.password");
        p.keySet().removeIf(k -> k.startsWith("datasources."));
        db = new Profiles(url, user, password);
        db.create();
        db.execute("CREATE TABLE profile_flags (user_id text PRIMARY KEY, flag text)");
        db.execute("CREATE TABLE loyalty (user_id text PRIMARY KEY, points int)");
        try {
            geo = new GeoServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        p.putAll(EnrichProperties.of(url, user, password));
        publisher = new EnrichRules(run.rules());
        publisher.publish(1, sources(), baseRules());
        kafka = new KafkaIo(bootstrap);
        return p;
    }

    @AfterAll
    void close() {
        kafka.close();
        geo.close();
    }

    @Test
    @Order(1)
    void becomesReadyOnceTheLoopPollsWithTheRulesFromRedis() {
        await().atMost(WAIT).ignoreExceptions().until(() ->
                http.toBlocking().exchange("/health/readiness", Map.class).getStatus().getCode() == 200);
        assertThat(http.toBlocking().retrieve("/health/readiness", Map.class).toString())
                .contains("stage-loop", "RUNNING", "rules");
        assertThat(rules.current().version()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void enrichesFromBothSourcesAndSaysWhatEnrichedItInAHeader() {
        db.put("u1", 31, "eu-west", "gold");
        geo.put("10.0.0.1", "DE", "Berlin");
        String run = run();
        send(run, 1, "u1", "10.0.0.1");
        send(run, 2, "u1", null);
        kafka.flush();

        Map<String, ConsumerRecord<byte[], byte[]>> out = output(run, 2);
        JsonNode both = json(out.get(run + "-1"));
        assertThat(both.get("age").asInt()).isEqualTo(31);
        assertThat(both.get("region").asText()).isEqualTo("eu-west");
        assertThat(both.get("subscription_tier").asText()).isEqualTo("gold");
        assertThat(both.get("country").asText()).isEqualTo("DE");
        assertThat(both.get("city").asText()).isEqualTo("Berlin");
        assertThat(both.has("isp")).as("only selected fields").isFalse();
        assertThat(header(out.get(run + "-1"))).containsEntry("version", "1").containsEntry(PROFILES, "hit")
                .containsEntry(GEO, "hit");

        JsonNode noIp = json(out.get(run + "-2"));
        assertThat(noIp.get("age").asInt()).isEqualTo(31);
        assertThat(noIp.has("country")).isFalse();
        assertThat(header(out.get(run + "-2"))).containsEntry(PROFILES, "hit").doesNotContainKey(GEO);
    }

    @Test
    @Order(3)
    void leavesAMissingProfileAbsentAndCachesTheMissForTheTtl() {
        LookupMetrics metrics = registry.metrics();
        String run = run();
        send(run, 1, "ghost", "10.9.9.9");
        kafka.flush();
        ConsumerRecord<byte[], byte[]> first = output(run, 1).get(run + "-1");
        assertThat(json(first).has("age")).isFalse();
        assertThat(json(first).has("country")).isFalse();
        assertThat(header(first)).containsEntry(PROFILES, "miss").containsEntry(GEO, "miss");
        double queries = metrics.count("enrichment_source_requests_total", PROFILES, null, null);
        long geoCalls = geo.requests();

        db.put("ghost", 50, "us", "free");
        geo.put("10.9.9.9", "US", "Austin");
        String again = run();
        send(again, 1, "ghost", "10.9.9.9");
        kafka.flush();
        ConsumerRecord<byte[], byte[]> second = output(again, 1).get(again + "-1");
        assertThat(json(second).has("age")).as("the miss is cached for cache_ttl (1h)").isFalse();
        assertThat(header(second)).containsEntry(PROFILES, "miss").containsEntry(GEO, "miss");
        assertThat(metrics.count("enrichment_source_requests_total", PROFILES, null, null)).isEqualTo(queries);
        assertThat(geo.requests()).isEqualTo(geoCalls);
        assertThat(metrics.count("enrichment_lookups_total", PROFILES, "outcome", "miss")).isGreaterThanOrEqualTo(2);
    }

    @Test
    @Order(4)
    void servesAChangedProfileOnlyAfterTheCacheTtl() {
        db.put("u2", 40, "eu", "silver");
        db.execute("INSERT INTO profile_flags VALUES ('u2', 'old')");
        String run = run();
        send(run, 1, "u2", null);
        kafka.flush();
        JsonNode before = json(output(run, 1).get(run + "-1"));
        assertThat(before.get("subscription_tier").asText()).isEqualTo("silver");
        assertThat(before.get("flag").asText()).isEqualTo("old");

        db.put("u2", 40, "eu", "platinum");
        db.execute("UPDATE profile_flags SET flag = 'new' WHERE user_id = 'u2'");
        // profile_flags has cache_ttl 1500ms: the change shows once it expired; user_profiles (1h) still serves
        // the cached row.
        List<JsonNode> seen = new ArrayList<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            String next = run();
            send(next, 1, "u2", null);
            kafka.flush();
            JsonNode after = json(output(next, 1).get(next + "-1"));
            seen.add(after);
            return after.get("flag").asText().equals("new");
        });
        assertThat(seen).allSatisfy(e -> assertThat(e.get("subscription_tier").asText()).isEqualTo("silver"));
    }

    @Test
    @Order(5)
    void appliesASourceAddedAtRunTime() {
        db.execute("INSERT INTO loyalty VALUES ('u1', 1200)");
        List<EnrichmentSource> sources = new ArrayList<>(sources());
        sources.add(database("loyalty", "profiles", "1h"));
        List<EnrichmentRule> withLoyalty = new ArrayList<>(baseRules());
        withLoyalty.add(rule("loyalty", "user_id", "event_type = 'click'", "points"));
        publisher.publish(2, sources, withLoyalty);
        await().atMost(WAIT).until(() -> rules.current().version() == 2);

        String run = run();
        send(run, 1, "u1", null);
        kafka.flush();
        ConsumerRecord<byte[], byte[]> out = output(run, 1).get(run + "-1");
        assertThat(json(out).get("points").asInt()).isEqualTo(1200);
        assertThat(json(out).get("age").asInt()).isEqualTo(31);
        assertThat(header(out)).containsEntry("version", "2").containsEntry("loyalty", "hit");
    }

    @Test
    @Order(6)
    void keepsInputOrderPerKeyWhileLookupsOfRandomLatencyRunConcurrently() {
        geo.delay(0, 40);
        String run = run();
        int perKey = 40;
        List<String> keys = List.of("a", "b", "c", "d", "e");
        for (int i = 0; i < perKey; i++) {
            for (String key : keys) {
                String ip = "172.16." + key.charAt(0) % 16 + "." + i;
                geo.put(ip, "NL", "city-" + i);
                kafka.send(section.topics().input(), key, event(run, i * keys.size() + keys.indexOf(key), "u1", ip)
                        .replace("\"event_type\"", "\"seq\":" + i + ",\"event_type\""));
            }
        }
        kafka.flush();
        List<ConsumerRecord<byte[], byte[]>> out = outputList(run, perKey * keys.size());
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : out) {
            JsonNode e = json(r);
            if (e.has("city")) {
                assertThat(e.get("city").asText()).isEqualTo("city-" + e.get("seq").asInt());
            }
            byKey.computeIfAbsent(KafkaIo.text(r.key()), k -> new ArrayList<>()).add(e.get("seq").asInt());
        }
        assertThat(out).filteredOn(r -> json(r).has("city")).as("lookups that answered in time")
                .hasSizeGreaterThan(out.size() / 2);
        List<Integer> expected = java.util.stream.IntStream.range(0, perKey).boxed().toList();
        assertThat(byKey).hasSize(keys.size()).allSatisfy((k, seqs) -> assertThat(seqs).isEqualTo(expected));
        geo.delay(0, 0);
    }

    @Test
    @Order(7)
    void deadLettersUnreadableRecordsAndForwardsWatermarksWithoutEnrichingThem() {
        String run = run();
        kafka.send(section.topics().input(), "bad-" + run, "not json " + run);
        for (int partition = 0; partition < 2; partition++) {
            kafka.send(section.topics().input(), partition, "up", new byte[0],
                    WatermarkRecords.encode(new WatermarkMark("dedupe-" + partition, 1_714_557_600_000L, 1, false)));
        }
        send(run, 1, "u1", null);
        kafka.flush();
        output(run, 1);

        try (CommittedTopicReader dlq = kafka.reader(section.topics().deadLetter())) {
            List<ConsumerRecord<byte[], byte[]>> dead = dlq.until(rs -> rs.stream()
                    .anyMatch(r -> ("bad-" + run).equals(KafkaIo.text(r.key()))), WAIT);
            ConsumerRecord<byte[], byte[]> bad = dead.stream()
                    .filter(r -> ("bad-" + run).equals(KafkaIo.text(r.key()))).findFirst().orElseThrow();
            assertThat(text(bad, DeadLetters.REASON)).isEqualTo("not_json");
            assertThat(text(bad, DeadLetters.STAGE)).isEqualTo("enrich");
            assertThat(text(bad, DeadLetters.ORIGINAL_TOPIC)).isEqualTo(section.topics().input());
            assertThat(KafkaIo.text(bad.value())).isEqualTo("not json " + run);
            assertThat(dead).noneMatch(r -> WatermarkRecords.isWatermark(r.headers()));
        }
        try (CommittedTopicReader out = kafka.reader(section.topics().output())) {
            List<ConsumerRecord<byte[], byte[]>> marks = out.until(rs -> rs.stream()
                    .filter(r -> WatermarkRecords.isWatermark(r.headers())).count() >= 4, WAIT).stream()
                    .filter(r -> WatermarkRecords.isWatermark(r.headers())).toList();
            assertThat(marks).extracting(r -> r.partition() + "/" + WatermarkRecords.decode(r.headers()).source())
                    .containsExactlyInAnyOrder("0/enrich-0", "1/enrich-0", "0/enrich-1", "1/enrich-1");
            assertThat(marks).allSatisfy(r -> {
                assertThat(WatermarkRecords.decode(r.headers()))
                        .isEqualTo(new WatermarkMark(WatermarkRecords.decode(r.headers()).source(),
                                1_714_557_600_000L, 2, false));
                assertThat(r.value()).isEmpty();
                assertThat(r.headers().lastHeader(EnrichmentHeader.NAME)).isNull();
            });
        }
    }

    @Test
    @Order(8)
    void countsGeoTimeoutsAndRetriesOpensTheCircuitAndClosesItAgain() {
        LookupMetrics metrics = registry.metrics();
        double retries = metrics.count("enrichment_retries_total", GEO, null, null);
        double timeouts = metrics.count("enrichment_call_errors_total", GEO, "reason", "timeout");
        geo.delay(1500, 1500);
        String run = run();
        for (int i = 0; i < 6; i++) {
            send(run, i, "u1", "192.168.1." + i);
        }
        kafka.flush();
        Map<String, ConsumerRecord<byte[], byte[]>> slow = output(run, 6);
        assertThat(slow.values()).allSatisfy(r -> {
            assertThat(header(r)).containsEntry(GEO, "failed").containsEntry(PROFILES, "hit");
            assertThat(json(r).has("country")).isFalse();
            assertThat(json(r).get("age").asInt()).isEqualTo(31);
        });
        assertThat(metrics.count("enrichment_retries_total", GEO, null, null)).isGreaterThan(retries);
        assertThat(metrics.count("enrichment_call_errors_total", GEO, "reason", "timeout")).isGreaterThan(timeouts);
        await().atMost(WAIT).until(() -> circuit() == 1.0);

        double refused = metrics.count("enrichment_failures_total", GEO, "reason", "circuit_open");
        String open = run();
        for (int i = 0; i < 5; i++) {
            send(open, i, "u1", "192.168.2." + i);
        }
        kafka.flush();
        assertThat(output(open, 5).values()).allSatisfy(r -> assertThat(header(r)).containsEntry(GEO, "failed"));
        assertThat(metrics.count("enrichment_failures_total", GEO, "reason", "circuit_open")).isGreaterThan(refused);

        // Healed: once the open period passed, trial calls get through and close the circuit again. Each try uses
        // a new address, so it is a call and not a cache hit.
        geo.delay(0, 0);
        int[] attempt = {0};
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            String ip = "10.1.1." + attempt[0]++;
            geo.put(ip, "FR", "Paris");
            String next = run();
            send(next, 1, "u1", ip);
            kafka.flush();
            ConsumerRecord<byte[], byte[]> r = output(next, 1).get(next + "-1");
            return "hit".equals(header(r).get(GEO)) && circuit() == 0.0;
        });
    }

    private double circuit() {
        return meters.get("enrichment_circuit_state").tag("source", GEO).gauge().value();
    }

    private static List<EnrichmentSource> sourcesOf(String geoEndpoint) {
        return List.of(database(PROFILES, "profiles", "1h"), database(FLAGS, "profiles", "1500ms"),
                api(GEO, geoEndpoint, "1s", 2));
    }

    private List<EnrichmentSource> sources() {
        return sourcesOf(geo.endpoint());
    }

    private static List<EnrichmentRule> baseRules() {
        return List.of(rule(PROFILES, "user_id", null, "age", "region", "subscription_tier"),
                rule(FLAGS, "user_id", null, "flag"),
                rule(GEO, "ip_address", "ip_address IS NOT NULL", "country", "city"));
    }

    private void send(String run, int i, String user, String ip) {
        kafka.send(section.topics().input(), user, event(run, i, user, ip));
    }

    private Map<String, ConsumerRecord<byte[], byte[]>> output(String run, int expected) {
        Map<String, ConsumerRecord<byte[], byte[]>> byId = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : outputList(run, expected)) {
            byId.put(json(r).get("event_id").asText(), r);
        }
        return byId;
    }

    private List<ConsumerRecord<byte[], byte[]>> outputList(String run, int expected) {
        try (CommittedTopicReader reader = kafka.reader(section.topics().output())) {
            List<ConsumerRecord<byte[], byte[]>> all = reader.until(rs -> ofRun(rs, run).size() >= expected, WAIT);
            List<ConsumerRecord<byte[], byte[]>> mine = ofRun(all, run);
            assertThat(mine).hasSize(expected);
            return mine;
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> ofRun(List<ConsumerRecord<byte[], byte[]>> records,
                                                              String run) {
        return records.stream().filter(r -> r.value().length > 0)
                .filter(r -> json(r).path("event_id").asText().startsWith(run + "-")).toList();
    }

    private static JsonNode json(ConsumerRecord<byte[], byte[]> r) {
        try {
            return EventCodec.mapper().readTree(r.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> header(ConsumerRecord<byte[], byte[]> r) {
        return EnrichmentHeader.decode(r.headers().lastHeader(EnrichmentHeader.NAME).value());
    }

    private static String text(ConsumerRecord<byte[], byte[]> r, String header) {
        return new String(r.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
    }

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static String event(String run, int i, String user, String ip) {
        return "{\"event_id\":\"" + run + "-" + i + "\",\"user_id\":" + (user == null ? "null" : "\"" + user + "\"")
                + ",\"event_type\":\"click\",\"timestamp\":1714557600000"
                + (ip == null ? "" : ",\"ip_address\":\"" + ip + "\"") + "}";
    }
}
