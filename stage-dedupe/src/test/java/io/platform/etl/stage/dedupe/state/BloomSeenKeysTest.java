package io.platform.etl.stage.dedupe.state;

import static io.platform.etl.stage.dedupe.state.Keys.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BloomSeenKeysTest extends SeenKeysContractTest<MapStore> {

    /** What the key logs of this test's instances wrote, in order: a new instance restores from it (ADR 0611). */
    private final List<byte[][]> written = new ArrayList<>();

    /** A key log restored from what earlier instances wrote, writing on to the same list. */
    private BloomKeyLog log() {
        BloomKeyLog log = new BloomKeyLog((byte) 'K');
        for (byte[][] change : List.copyOf(written)) {
            log.restore(Arrays.copyOfRange(change[0], 1, change[0].length), change[1]);
        }
        log.sink((k, v) -> written.add(new byte[][] {k, v}));
        return log;
    }

    @Override
    MapStore newStore() {
        return new MapStore();
    }

    private static final double RATE = 0.001;
    private static final int PER_WINDOW = 1_000_000;

    @Override
    SeenKeys create(SortedStore store) {
        return new BloomSeenKeys(store, log(), 1);
    }

    @Override
    double maxRetainedWindows() {
        return 2.0 + 0.02;
    }

    @Test
    void falsePositiveRateOfASteadyStreamOfMillionsOfUniqueKeysStaysUnderTheConfiguredRate() {
        BloomSeenKeys seen = new BloomSeenKeys(store, log(), 1);
        Sizing sizing = new Sizing(WINDOW, PER_WINDOW, RATE);
        long falsePositives = 0;
        long measured = 0;
        for (long i = 0; i < 3L * PER_WINDOW; i++) {
            long time = T0 + i * WINDOW / PER_WINDOW;
            boolean steady = i >= PER_WINDOW;
            if (seen.find(key(i), time, WINDOW) != null && steady) {
                falsePositives++;
            }
            measured += steady ? 1 : 0;
            seen.add(key(i), time, SeenKeys.UNKNOWN_POSITION, sizing);
            if (i % 10_000 == 0) {
                seen.purge(time - WINDOW);
            }
        }
        double rate = (double) falsePositives / measured;
        System.out.printf("bloom: steady-stream false-positive rate %.6f over %d unique keys (configured %.4f)%n",
                rate, measured, RATE);
        assertThat(rate).isLessThanOrEqualTo(RATE);
    }

    @Test
    void worstCaseLookupAgainstTwoFullFiltersStaysWithinTheConfiguredRate() {
        BloomSeenKeys seen = new BloomSeenKeys(store, log(), 1);
        Sizing sizing = new Sizing(WINDOW, PER_WINDOW, RATE);
        for (long i = 0; i < 2L * PER_WINDOW; i++) {
            seen.add(key(i), T0 + i * WINDOW / PER_WINDOW, SeenKeys.UNKNOWN_POSITION, sizing);
        }
        long queries = 1_000_000;
        long falsePositives = 0;
        long at = T0 + 2 * WINDOW - 1;
        for (long i = 0; i < queries; i++) {
            if (seen.find(key(10_000_000 + i), at, WINDOW) != null) {
                falsePositives++;
            }
        }
        double rate = (double) falsePositives / queries;
        System.out.printf("bloom: worst-case lookup false-positive rate %.6f (estimated %.6f, configured %.4f)%n",
                rate, seen.estimatedRate(at, WINDOW), RATE);
        // Two full filters of rate/2 each answer a lookup: rate in expectation. 1M Bernoulli trials at 0.001 have a
        // standard deviation of 3.2 % of the mean, so 10 % (3 sigma) is the tolerance of the measurement.
        assertThat(rate).isLessThanOrEqualTo(RATE * 1.10);
        assertThat(seen.estimatedRate(at, WINDOW)).isCloseTo(rate, org.assertj.core.data.Percentage.withPercentage(15));
    }

    @Test
    void keepsAtMostTwoBytesPerRetainedKeyAtOneFalsePositiveInAThousand() {
        BloomSeenKeys seen = new BloomSeenKeys(store, log(), 1);
        Sizing sizing = new Sizing(WINDOW, PER_WINDOW, RATE);
        for (long i = 0; i < PER_WINDOW; i++) {
            seen.add(key(i), T0 + i * WINDOW / PER_WINDOW, SeenKeys.UNKNOWN_POSITION, sizing);
        }
        seen.flush();
        long bytes = store.bytes() + seen.segments().stream().mapToLong(BloomSegment::pageBytes).sum();
        double perKey = (double) bytes / PER_WINDOW;
        System.out.printf("bloom: %.3f bytes per retained key at %.4f (%d bytes of pages and markers)%n", perKey,
                RATE, bytes);
        assertThat(seen.retainedBytes()).isEqualTo(bytes);
        assertThat(perKey).isLessThanOrEqualTo(2.0);
    }
}
