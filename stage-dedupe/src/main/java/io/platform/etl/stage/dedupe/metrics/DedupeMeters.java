package io.platform.etl.stage.dedupe.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.platform.etl.rulesclient.RuleHolder;
import io.platform.etl.stage.dedupe.engine.DedupeRules;
import io.platform.etl.stage.dedupe.state.BloomSeenKeys;
import io.platform.etl.stage.dedupe.state.ExactSeenKeys;
import io.platform.etl.stageruntime.spec.StageSection;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * State gauges of the dedupe stage, labelled {@code stage}: {@code dedupe_retained_keys} and
 * {@code dedupe_state_bytes} (logical: key and value bytes) and
 * {@code dedupe_state_memory_bytes} (heap of the tables) per {@code algorithm}, {@code dedupe_purged_keys}, and
 * {@code dedupe_bloom_false_positive_rate} with {@code kind=configured|estimated} (estimated = the worst task's
 * rate of a lookup at its watermark, from the fill of the filters), and {@code dedupe_watermark_seconds} (the lowest
 * pipeline watermark of the hop partitions: records more than the allowed lateness behind it are expired). Partition states publish snapshots from their loop thread
 * once a second; a scrape reads the snapshots, never the live state.
 */
@Singleton
public class DedupeMeters {

    private final Map<String, TaskStats> tasks = new ConcurrentHashMap<>();

    public DedupeMeters(MeterRegistry registry, StageSection section, RuleHolder<DedupeRules> rules) {
        String stage = section.name();
        gauge(registry, "dedupe_retained_keys", stage, "exact", TaskStats::exactKeys, "Keys held in the state");
        gauge(registry, "dedupe_retained_keys", stage, "bloom_filter", TaskStats::bloomKeys, "Keys held in the state");
        gauge(registry, "dedupe_state_bytes", stage, "exact", TaskStats::exactBytes, "Bytes of state (keys + values)");
        gauge(registry, "dedupe_state_bytes", stage, "bloom_filter", TaskStats::bloomBytes,
                "Bytes of state (keys + values)");
        gauge(registry, "dedupe_state_memory_bytes", stage, "exact", TaskStats::exactMemory,
                "Heap held by the state's tables");
        gauge(registry, "dedupe_state_memory_bytes", stage, "bloom_filter", TaskStats::bloomBytes,
                "Heap held by the state's tables");
        Gauge.builder("dedupe_purged_keys", this, m -> sum(TaskStats::purged)).tag("stage", stage)
                .description("Keys purged from the state since start").register(registry);
        Gauge.builder("dedupe_bloom_false_positive_rate", rules,
                        r -> r.current().rules().config().falsePositiveRate())
                .tag("stage", stage).tag("kind", "configured")
                .description("Bloom filter false-positive rate per lookup").register(registry);
        Gauge.builder("dedupe_bloom_false_positive_rate", this,
                        m -> tasks.values().stream().mapToDouble(TaskStats::bloomRate).max().orElse(0))
                .tag("stage", stage).tag("kind", "estimated")
                .description("Bloom filter false-positive rate per lookup").register(registry);
        Gauge.builder("dedupe_watermark_seconds", this, m -> m.lowestWatermark()).tag("stage", stage)
                .description("Lowest pipeline watermark of the dedupe tasks, epoch seconds").register(registry);
    }

    /**
     * Called by a partition's state on its loop thread.
     *
     * @param exactMemory heap bytes of the exact state's tables (its logical size is {@code exact.retainedBytes()})
     */
    public void publish(String task, ExactSeenKeys exact, long exactMemory, BloomSeenKeys bloom, long watermark,
                        DedupeRules rules, long purged) {
        long at = watermark == Long.MIN_VALUE ? Long.MAX_VALUE / 2 : watermark;
        tasks.put(task, new TaskStats(exact.retainedKeys(), exact.retainedBytes(), exactMemory, bloom.retainedKeys(),
                bloom.retainedBytes(), bloom.estimatedRate(at, rules.windowMillis()), purged, watermark));
    }

    public void remove(String task) {
        tasks.remove(task);
    }

    private void gauge(MeterRegistry registry, String name, String stage, String algorithm,
                       ToDoubleFunction<TaskStats> value, String description) {
        Gauge.builder(name, this, m -> sum(value)).tag("stage", stage).tag("algorithm", algorithm)
                .description(description).register(registry);
    }

    /** NaN until every task knows its watermark. */
    private double lowestWatermark() {
        long lowest = tasks.values().stream().mapToLong(TaskStats::watermark).min().orElse(Long.MIN_VALUE);
        return lowest == Long.MIN_VALUE ? Double.NaN : lowest / 1000.0;
    }

    private double sum(ToDoubleFunction<TaskStats> value) {
        return tasks.values().stream().mapToDouble(value).sum();
    }

    private record TaskStats(long exactKeys, long exactBytes, long exactMemory, long bloomKeys, long bloomBytes,
                             double bloomRate, long purged, long watermark) {
    }
}
