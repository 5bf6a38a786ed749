package io.platform.etl.stage.enrich.lookup;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-source lookup meters, labelled {@code stage} and {@code source}:
 * {@code enrichment_lookups_total{outcome}} (per record and rule: hit, miss, failed),
 * {@code enrichment_failures_total{reason}} (per record and rule, the final reason),
 * {@code enrichment_call_errors_total{reason}} (per failed call attempt: timeout, error), {@code enrichment_source_requests_total} (round trips: queries, HTTP
 * calls incl. retries), {@code enrichment_retries_total}, {@code enrichment_cache_total{result}} and the gauge
 * {@code enrichment_circuit_state} (0 closed, 1 open, 2 half-open).
 */
public final class LookupMetrics {

    private final MeterRegistry registry;
    private final String stage;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    public LookupMetrics(MeterRegistry registry, String stage) {
        this.registry = registry;
        this.stage = stage;
    }

    public void lookup(String source, String outcome) {
        counter("enrichment_lookups_total", source, "outcome", outcome).increment();
    }

    public void failure(String source, String reason) {
        counter("enrichment_failures_total", source, "reason", reason).increment();
    }

    void request(String source) {
        counter("enrichment_source_requests_total", source, null, null).increment();
    }

    void callError(String source, String reason) {
        counter("enrichment_call_errors_total", source, "reason", reason).increment();
    }

    void retry(String source) {
        counter("enrichment_retries_total", source, null, null).increment();
    }

    void cache(String source, boolean hit) {
        counter("enrichment_cache_total", source, "result", hit ? "hit" : "miss").increment();
    }

    /** The gauge follows the source's newest breaker (a changed definition gets a fresh one). */
    void circuit(String source, CircuitBreaker breaker) {
        if (breakers.put(source, breaker) == null) {
            Gauge.builder("enrichment_circuit_state", breakers, m -> switch (m.get(source).getState()) {
                case OPEN, FORCED_OPEN -> 1;
                case HALF_OPEN -> 2;
                default -> 0;
            }).tag("stage", stage).tag("source", source).strongReference(true)
                    .description("Circuit breaker of the source: 0 closed, 1 open, 2 half-open").register(registry);
        }
    }

    /** Current value of a counter, for tests and the benchmark. */
    public double count(String name, String source, String label, String value) {
        Counter c = counters.get(key(name, source, label, value));
        return c == null ? 0 : c.count();
    }

    private Counter counter(String name, String source, String label, String value) {
        return counters.computeIfAbsent(key(name, source, label, value), k -> {
            Counter.Builder b = Counter.builder(name).tag("stage", stage).tag("source", source);
            if (label != null) {
                b.tag(label, value);
            }
            return b.register(registry);
        });
    }

    private static String key(String name, String source, String label, String value) {
        return name + '|' + source + '|' + label + '|' + value;
    }
}
