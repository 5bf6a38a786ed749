package io.platform.etl.stage.enrich.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import io.platform.etl.model.event.Event;
import io.platform.etl.stage.enrich.lookup.Lookup;
import io.platform.etl.stage.enrich.lookup.LookupMetrics;
import io.platform.etl.stage.enrich.lookup.LookupResult;
import io.platform.etl.stage.enrich.rules.EnrichmentPlan;
import io.platform.etl.stage.enrich.rules.PlannedRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Enriches one batch: collects the keys every rule needs over the whole batch, resolves each lookup once for all its
 * keys (all lookups concurrently), then adds the fields to each event in input order. A key that failed or missed
 * leaves its fields absent; nothing is dropped (ADR 0801).
 */
public final class Enricher {

    private final LookupMetrics metrics;
    private final Duration batchTimeout;

    public Enricher(LookupMetrics metrics, Duration batchTimeout) {
        this.metrics = metrics;
        this.batchTimeout = batchTimeout;
    }

    /** The enriched events, same order and size as {@code events}. */
    public List<EnrichedEvent> enrich(List<Event> events, EnrichmentPlan plan) {
        return start(events, plan).join();
    }

    /**
     * Starts every lookup of the batch and returns at once; {@link Pending#join} waits for them (each bounded by
     * {@code enrich.batch-timeout} from now) and builds the events. Lookups never block the caller (ADR 0809).
     */
    public Pending start(List<Event> events, EnrichmentPlan plan) {
        List<PlannedRule> rules = plan.rules();
        String[][] keys = new String[events.size()][rules.size()];
        Map<Lookup, Set<String>> wanted = new LinkedHashMap<>();
        for (int e = 0; e < events.size(); e++) {
            for (int r = 0; r < rules.size(); r++) {
                String key = rules.get(r).keyOf(events.get(e));
                keys[e][r] = key;
                if (key != null) {
                    wanted.computeIfAbsent(rules.get(r).lookup(), l -> new LinkedHashSet<>()).add(key);
                }
            }
        }
        Map<Lookup, CompletableFuture<Map<String, LookupResult>>> running = new LinkedHashMap<>();
        wanted.forEach((lookup, wantedKeys) -> running.put(lookup, lookup.resolve(wantedKeys)
                .completeOnTimeout(Map.of(), batchTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(error -> Map.of())));
        return new Pending(events, rules, keys, running);
    }

    /** A batch whose lookups are running. */
    public final class Pending {

        private final List<Event> events;
        private final List<PlannedRule> rules;
        private final String[][] keys;
        private final Map<Lookup, CompletableFuture<Map<String, LookupResult>>> running;

        private Pending(List<Event> events, List<PlannedRule> rules, String[][] keys,
                        Map<Lookup, CompletableFuture<Map<String, LookupResult>>> running) {
            this.events = events;
            this.rules = rules;
            this.keys = keys;
            this.running = running;
        }

        /** Waits for the lookups and gives the enriched events, same order and size as the batch's events. */
        public List<EnrichedEvent> join() {
            Map<Lookup, Map<String, LookupResult>> resolved = new HashMap<>();
            running.forEach((lookup, future) -> resolved.put(lookup, future.join()));
            List<EnrichedEvent> out = new ArrayList<>(events.size());
            for (int e = 0; e < events.size(); e++) {
                out.add(apply(events.get(e), rules, keys[e], resolved));
            }
            return out;
        }
    }

    private EnrichedEvent apply(Event event, List<PlannedRule> rules, String[] keys,
                                Map<Lookup, Map<String, LookupResult>> resolved) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (int r = 0; r < rules.size(); r++) {
            if (keys[r] == null) {
                continue;
            }
            PlannedRule rule = rules.get(r);
            LookupResult result = resolved.get(rule.lookup()).getOrDefault(keys[r],
                    new LookupResult.Failed("timeout"));
            metrics.lookup(rule.source(), result.outcome());
            if (result instanceof LookupResult.Failed failed) {
                metrics.failure(rule.source(), failed.reason());
            } else if (result instanceof LookupResult.Hit hit) {
                for (String field : rule.fields()) {
                    JsonNode value = hit.fields().get(field);
                    if (value != null) {
                        fields.put(field, value);
                    }
                }
            }
            outcomes.merge(rule.source(), result.outcome(), Enricher::worse);
        }
        return new EnrichedEvent(fields.isEmpty() ? event : event.withFields(fields), !fields.isEmpty(), outcomes);
    }

    /** Several rules of one source on one event: the header shows the worst outcome (failed > miss > hit). */
    private static String worse(String a, String b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(String outcome) {
        return switch (outcome) {
            case "failed" -> 2;
            case "miss" -> 1;
            default -> 0;
        };
    }
}
