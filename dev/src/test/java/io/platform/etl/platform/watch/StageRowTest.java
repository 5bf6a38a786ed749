package io.platform.etl.platform.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StageRowTest {

    private static final long SECOND = 1_000_000_000L;

    private static StageReading reading(long atNanos, Map<String, Double> throughput, double fast, double slow) {
        TreeMap<Double, Double> buckets = new TreeMap<>(Map.of(0.001, fast, 0.5, fast + slow,
                Double.POSITIVE_INFINITY, fast + slow));
        return new StageReading("filter", atNanos, throughput, new Histogram(buckets), OptionalLong.of(3));
    }

    @Test
    void ratesAreOutcomesCountedBetweenTwoReadingsPerSecond() {
        StageReading older = reading(0, Map.of("passed", 100.0, "filtered", 50.0, "dlq", 1.0), 10, 0);
        StageReading newer = reading(2 * SECOND, Map.of("passed", 160.0, "filtered", 90.0, "dlq", 3.0), 20, 0);

        StageRow row = StageRow.of("stage-filter", older, newer, OptionalLong.of(7));

        assertThat(row.stage()).isEqualTo("filter");
        assertThat(row.problem()).isNull();
        assertThat(row.inPerSecond().getAsDouble()).isCloseTo((60 + 40 + 2) / 2.0, within(1e-9));
        assertThat(row.outPerSecond().getAsDouble()).isCloseTo(30.0, within(1e-9));
        assertThat(row.deadLettered()).isEqualTo(3);
        assertThat(row.lag()).hasValue(7);
        assertThat(row.ruleVersion()).hasValue(3);
        assertThat(row.p99Millis().getAsDouble()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void aFilterRuleThatDropsMoreShowsAsALowerOutRateAtTheSameInRate() {
        StageReading t0 = reading(0, Map.of("passed", 0.0, "filtered", 0.0), 0, 0);
        StageReading t1 = reading(SECOND, Map.of("passed", 40.0, "filtered", 10.0), 0, 0);
        StageReading t2 = reading(2 * SECOND, Map.of("passed", 50.0, "filtered", 50.0), 0, 0);

        StageRow before = StageRow.of("stage-filter", t0, t1, OptionalLong.empty());
        StageRow after = StageRow.of("stage-filter", t1, t2, OptionalLong.empty());

        assertThat(after.inPerSecond()).isEqualTo(before.inPerSecond());
        assertThat(before.outPerSecond().getAsDouble()).isEqualTo(40.0);
        assertThat(after.outPerSecond().getAsDouble()).isEqualTo(10.0);
    }

    @Test
    void lateCountsEveryLateOutcomeAndOutCountsWhatTheAggregateFolds() {
        StageReading newer = new StageReading("aggregate", SECOND,
                Map.of("aggregated", 90.0, "late_processed", 2.0, "late_dropped", 3.0, "late_dead_letter", 4.0),
                Histogram.EMPTY, OptionalLong.empty());
        StageReading older = new StageReading("aggregate", 0, Map.of(), Histogram.EMPTY, OptionalLong.empty());

        StageRow row = StageRow.of("stage-aggregate", older, newer, OptionalLong.empty());

        assertThat(row.late()).isEqualTo(9);
        assertThat(row.outPerSecond().getAsDouble()).isEqualTo(92.0);
        assertThat(row.inPerSecond().getAsDouble()).isEqualTo(99.0);
        assertThat(row.ruleVersion()).isEmpty();
    }

    @Test
    void p99CoversOnlyTheRecentObservations() {
        StageReading older = reading(0, Map.of("passed", 0.0), 1000, 0);
        StageReading newer = reading(SECOND, Map.of("passed", 10.0), 1000, 10);

        assertThat(StageRow.of("stage-filter", older, newer, OptionalLong.empty()).p99Millis().getAsDouble())
                .isGreaterThan(400.0);
    }

    @Test
    void aFirstReadingHasCountsButNoRatesYet() {
        StageRow row = StageRow.of("stage-filter", null, reading(0, Map.of("dlq", 2.0), 0, 0), OptionalLong.empty());
        assertThat(row.inPerSecond()).isEmpty();
        assertThat(row.outPerSecond()).isEmpty();
        assertThat(row.p99Millis()).isEmpty();
        assertThat(row.deadLettered()).isEqualTo(2);
    }

    @Test
    void aRestartedStageCountsFromZeroInsteadOfANegativeRate() {
        assertThat(StageRow.increase(1000, 30)).isEqualTo(30);
        assertThat(StageRow.increase(1000, 1030)).isEqualTo(30);
    }

    @Test
    void readingTakesTheStageNameFromTheLatencyTimerBeforeAnyRecordArrived() {
        StageReading r = StageReading.of(PrometheusText.parse("""
                processing_latency_seconds_count{stage="aggregate"} 0
                rules_version{kind="a",pipeline="p"} 2.0
                rules_version{kind="b",pipeline="p"} 5.0
                """), 0);
        assertThat(r.stage()).isEqualTo("aggregate");
        assertThat(r.throughput()).isEmpty();
        assertThat(r.ruleVersion()).hasValue(5);
        assertThat(StageReading.of(List.of(), 0).stage()).isNull();
    }
}
