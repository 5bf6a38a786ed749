package io.platform.etl.stage.enrich.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.platform.etl.model.event.Event;
import io.platform.etl.model.event.FieldPath;
import io.platform.etl.model.rules.enrich.EnrichmentConditions;
import io.platform.etl.model.rules.filter.FilterEvaluator;
import io.platform.etl.stage.enrich.lookup.Lookup;
import io.platform.etl.stage.enrich.lookup.LookupMetrics;
import io.platform.etl.stage.enrich.lookup.LookupResult;
import io.platform.etl.stage.enrich.rules.EnrichmentPlan;
import io.platform.etl.stage.enrich.rules.PlannedRule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class EnricherTest {

    private final LookupMetrics metrics = new LookupMetrics(new SimpleMeterRegistry(), "enrich");
    private final Enricher enricher = new Enricher(metrics, Duration.ofSeconds(5));
    private final TableLookup profiles = new TableLookup("user_profiles", Map.of(
            "u1", new LookupResult.Hit(Map.of("age", IntNode.valueOf(31), "region", TextNode.valueOf("eu"))),
            "u2", LookupResult.MISS,
            "u3", new LookupResult.Failed("timeout")));
    private final TableLookup geo = new TableLookup("geo_location", Map.of(
            "10.0.0.1", new LookupResult.Hit(Map.of("country", TextNode.valueOf("DE")))));
    private final EnrichmentPlan plan = new EnrichmentPlan(List.of(
            new PlannedRule("user_profiles", FieldPath.of("user_id"), FilterEvaluator.passAll(), List.of("age"),
                    profiles),
            new PlannedRule("geo_location", FieldPath.of("ip_address"),
                    FilterEvaluator.compile(List.of(EnrichmentConditions.parse("ip_address IS NOT NULL"))),
                    List.of("country", "city"), geo)));

    @Test
    void addsOnlyEachRulesSelectedFieldsOfAHitAndKeepsTheInputOrder() {
        List<EnrichedEvent> out = enricher.enrich(List.of(event("1", "u1", "10.0.0.1"), event("2", "u2", null),
                event("3", "u3", "10.0.0.2")), plan);
        assertThat(out).extracting(e -> e.event().eventId()).containsExactly("1", "2", "3");
        JsonNode first = out.get(0).event().json();
        assertThat(first.get("age").asInt()).isEqualTo(31);
        assertThat(first.has("region")).as("not selected by the rule").isFalse();
        assertThat(first.get("country").asText()).isEqualTo("DE");
        assertThat(out.get(0).added()).isTrue();
        assertThat(out.get(0).outcomes()).containsExactly(Map.entry("user_profiles", "hit"),
                Map.entry("geo_location", "hit"));
    }

    @Test
    void leavesFieldsAbsentOnAMissOrAFailureAndSkipsRulesWhoseConditionDoesNotHold() {
        List<EnrichedEvent> out = enricher.enrich(List.of(event("2", "u2", null), event("3", "u3", "10.0.0.2")),
                plan);
        assertThat(out.get(0).added()).isFalse();
        assertThat(out.get(0).outcomes()).containsExactly(Map.entry("user_profiles", "miss"));
        assertThat(out.get(1).added()).isFalse();
        assertThat(out.get(1).outcomes()).containsExactly(Map.entry("user_profiles", "failed"),
                Map.entry("geo_location", "miss"));
        assertThat(metrics.count("enrichment_failures_total", "user_profiles", "reason", "timeout")).isEqualTo(1);
    }

    @Test
    void resolvesEachLookupOnceForAllDistinctKeysOfTheBatch() {
        List<Event> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(event(Integer.toString(i), "u" + (i % 3 + 1), null));
        }
        enricher.enrich(batch, plan);
        assertThat(profiles.calls).containsExactly(Set.of("u1", "u2", "u3"));
        assertThat(geo.calls).isEmpty();
    }

    @Test
    void aRecordWithoutTheJoinKeyIsNotLookedUp() {
        List<EnrichedEvent> out = enricher.enrich(List.of(event("1", null, null)), plan);
        assertThat(out.getFirst().outcomes()).isEmpty();
        assertThat(profiles.calls).isEmpty();
    }

    private static Event event(String id, String user, String ip) {
        String json = "{\"event_id\":\"" + id + "\",\"timestamp\":1714557600000"
                + (user == null ? "" : ",\"user_id\":\"" + user + "\"")
                + (ip == null ? "" : ",\"ip_address\":\"" + ip + "\"") + "}";
        return Event.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /** An in-memory source: answers from a table, unknown keys miss; records each call's keys. */
    private static final class TableLookup implements Lookup {
        private final String source;
        private final Map<String, LookupResult> table;
        private final List<Set<String>> calls = new ArrayList<>();

        TableLookup(String source, Map<String, LookupResult> table) {
            this.source = source;
            this.table = table;
        }

        @Override
        public String source() {
            return source;
        }

        @Override
        public CompletableFuture<Map<String, LookupResult>> resolve(Set<String> keys) {
            calls.add(Set.copyOf(keys));
            Map<String, LookupResult> out = new HashMap<>();
            keys.forEach(k -> out.put(k, table.getOrDefault(k, LookupResult.MISS)));
            return CompletableFuture.supplyAsync(() -> out);
        }
    }
}
