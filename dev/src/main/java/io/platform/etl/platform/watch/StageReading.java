package io.platform.etl.platform.watch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What one scrape of a stage's {@code /prometheus} says, cumulative since the stage started: records handled by
 * outcome ({@code throughput_total{status}}), the {@code processing_latency_seconds} histogram and the applied rule
 * version ({@code rules_version}, highest over the rule kinds the stage reads).
 *
 * @param stage       the {@code stage} label (e.g. {@code filter}); null when the scrape carried none
 * @param atNanos     {@link System#nanoTime()} of the scrape
 */
public record StageReading(String stage, long atNanos, Map<String, Double> throughput, Histogram latency,
        OptionalLong ruleVersion) {

    static final String THROUGHPUT = "throughput_total";
    static final String LATENCY_BUCKET = "processing_latency_seconds_bucket";
    static final String LATENCY_COUNT = "processing_latency_seconds_count";
    static final String RULES_VERSION = "rules_version";

    public StageReading {
        throughput = Map.copyOf(throughput);
    }

    public static StageReading of(List<MetricSample> samples, long atNanos) {
        String stage = null;
        Map<String, Double> throughput = new HashMap<>();
        TreeMap<Double, Double> buckets = new TreeMap<>();
        OptionalLong version = OptionalLong.empty();
        for (MetricSample s : samples) {
            switch (s.name()) {
                case THROUGHPUT -> {
                    throughput.merge(s.label("status"), s.value(), Double::sum);
                    stage = stage == null ? s.label("stage") : stage;
                }
                case LATENCY_BUCKET -> buckets.merge(PrometheusText.number(s.label("le")), s.value(), Double::sum);
                case LATENCY_COUNT -> stage = stage == null ? s.label("stage") : stage;
                case RULES_VERSION -> {
                    long v = (long) s.value();
                    version = OptionalLong.of(Math.max(v, version.orElse(v)));
                }
                default -> {
                    // not shown
                }
            }
        }
        return new StageReading(stage, atNanos, throughput, new Histogram(buckets), version);
    }

    /** Every record the stage took off its input has exactly one outcome, so the outcomes sum to "in". */
    public double in() {
        return throughput.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    public double out() {
        return sum(Outcomes::forwarded);
    }

    public double deadLettered() {
        return sum(Outcomes::deadLettered);
    }

    public double late() {
        return sum(Outcomes::late);
    }

    private double sum(Predicate<String> which) {
        return throughput.entrySet().stream().filter(e -> which.test(e.getKey())).mapToDouble(Map.Entry::getValue).sum();
    }
}
