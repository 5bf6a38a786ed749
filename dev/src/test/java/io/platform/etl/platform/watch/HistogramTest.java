package io.platform.etl.platform.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class HistogramTest {

    private static Histogram of(double... boundsAndCounts) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (int i = 0; i < boundsAndCounts.length; i += 2) {
            buckets.put(boundsAndCounts[i], boundsAndCounts[i + 1]);
        }
        return new Histogram(buckets);
    }

    @Test
    void interpolatesInsideTheBucketHoldingTheRank() {
        // 100 observations: 50 up to 0.01, 40 in (0.01, 0.1], 10 in (0.1, 1]
        Histogram h = of(0.01, 50, 0.1, 90, 1.0, 100, Double.POSITIVE_INFINITY, 100);
        assertThat(h.quantile(0.99).getAsDouble()).isCloseTo(0.1 + 0.9 * 0.9, within(1e-9));
        assertThat(h.quantile(0.5).getAsDouble()).isCloseTo(0.01, within(1e-9));
        assertThat(h.quantile(0.25).getAsDouble()).isCloseTo(0.005, within(1e-9));
    }

    @Test
    void aRankBeyondTheLastFiniteBoundAnswersThatBound() {
        Histogram h = of(0.01, 1, 0.1, 2, Double.POSITIVE_INFINITY, 100);
        assertThat(h.quantile(0.99).getAsDouble()).isEqualTo(0.1);
    }

    @Test
    void nothingObservedHasNoQuantile() {
        assertThat(Histogram.EMPTY.quantile(0.99)).isEmpty();
        assertThat(of(0.1, 0, Double.POSITIVE_INFINITY, 0).quantile(0.99)).isEmpty();
    }

    @Test
    void sinceKeepsOnlyTheNewObservations() {
        Histogram older = of(0.01, 1000, 1.0, 1000, Double.POSITIVE_INFINITY, 1000);
        Histogram newer = of(0.01, 1000, 1.0, 1010, Double.POSITIVE_INFINITY, 1010);
        Histogram recent = newer.since(older);
        assertThat(recent.cumulative()).isEqualTo(Map.of(0.01, 0.0, 1.0, 10.0, Double.POSITIVE_INFINITY, 10.0));
        // the cumulative p99 would sit in the fast bucket; the recent one in the slow bucket
        assertThat(newer.quantile(0.99).getAsDouble()).isLessThan(0.011);
        assertThat(recent.quantile(0.99).getAsDouble()).isGreaterThan(0.9);
    }

    @Test
    void sinceARestartIsEverythingCountedSinceIt() {
        Histogram beforeRestart = of(0.01, 500, Double.POSITIVE_INFINITY, 600);
        Histogram afterRestart = of(0.01, 3, Double.POSITIVE_INFINITY, 4);
        assertThat(afterRestart.since(beforeRestart).count()).isEqualTo(4);
    }
}
