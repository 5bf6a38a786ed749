package io.platform.etl.stageruntime.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline spec's stage metrics ({@code spec.monitoring.metrics}), labelled with the stage name:
 * <ul>
 *   <li>{@code throughput} counter, labels {@code stage}, {@code status} ({@code passed}, {@code filtered},
 *       {@code dlq}, ... as the stage reports them)</li>
 *   <li>{@code processing_latency} timer with a percentile histogram, label {@code stage}: from the runtime taking
 *       the record off the topic to the stage's outcome (through an {@link Outcome} handle, a sample of one record
 *       in {@link #LATENCY_SAMPLE})</li>
 *   <li>{@code error_rate} gauge, labels {@code stage}, {@code error_type}: errors of that type divided by the records
 *       received over the last minute</li>
 * </ul>
 */
public final class StageMetrics {

    /**
     * A processor's {@link Outcome} handle records the latency of one record in this many (a power of two); the
     * {@code throughput} counters count every record.
     */
    public static final int LATENCY_SAMPLE = 8;

    private static final int WINDOW_SECONDS = 60;

    private final MeterRegistry registry;
    private final String stage;
    private final Timer latency;
    private final SlidingRate received;
    private final Map<String, Counter> throughput = new ConcurrentHashMap<>();
    private final Map<String, SlidingRate> errors = new ConcurrentHashMap<>();

    public StageMetrics(MeterRegistry registry, String stage) {
        this.registry = registry;
        this.stage = stage;
        this.received = new SlidingRate(WINDOW_SECONDS, StageMetrics::nowSeconds);
        this.latency = Timer.builder("processing_latency").tag("stage", stage)
                .description("Time from taking a record off the input topic to the stage's outcome")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    public String stage() {
        return stage;
    }

    /** One record taken off the input topic (the error-rate denominator). Called by the runtime. */
    public void received() {
        received.increment();
    }

    /** {@code n} records taken off the input topic at once (a batch). */
    public void received(int n) {
        if (n > 0) {
            received.add(n);
        }
    }

    /**
     * A handle for one outcome, e.g. {@code passed}, for a processor to keep (one per processor instance): the
     * cheap per-record form of {@link #outcome(String, long)}, with the latency sampled.
     */
    public Outcome outcome(String status) {
        return new Outcome(counter(status), latency);
    }

    /** The outcome of one record, e.g. {@code passed} or {@code filtered}; records the latency too. */
    public void outcome(String status, long receivedNanos) {
        counter(status).increment();
        latency.record(System.nanoTime() - receivedNanos, TimeUnit.NANOSECONDS);
    }

    private Counter counter(String status) {
        return throughput.computeIfAbsent(status, s -> Counter.builder("throughput").tag("stage", stage)
                .tag("status", s).description("Records handled by the stage, by outcome").register(registry));
    }

    /** An error of this type (e.g. {@code not_json}); counts into {@code error_rate}. */
    public void error(String errorType) {
        errors.computeIfAbsent(errorType, this::registerRate).increment();
    }

    /** A record sent to the dead-letter topic: outcome {@code dlq} plus an error of type {@code reason}. */
    public void deadLettered(String reason, long receivedNanos) {
        outcome("dlq", receivedNanos);
        error(reason);
    }

    private SlidingRate registerRate(String errorType) {
        SlidingRate rate = new SlidingRate(WINDOW_SECONDS, StageMetrics::nowSeconds);
        Gauge.builder("error_rate", () -> {
            long total = received.sum();
            return total == 0 ? 0.0 : Math.min(1.0, (double) rate.sum() / total);
        }).tag("stage", stage).tag("error_type", errorType)
                .description("Errors of this type per record received, over the last minute").register(registry);
        return rate;
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }
}
