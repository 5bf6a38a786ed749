package io.platform.etl.stage.dedupe.state;

import static io.platform.etl.stage.dedupe.state.Keys.key;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What both algorithms guarantee, on every store they run on: {@link ExactSeenKeysTest}, {@link ExactTableSeenKeysTest}
 * and {@link BloomSeenKeysTest} run it.
 */
abstract class SeenKeysContractTest<S extends SortedStore> {

    static final long WINDOW = 60_000;
    static final long T0 = 1_714_557_600_000L;

    final S store = newStore();

    /** The store the state lives in (a sorted map, or the stage's own in-memory stores). */
    abstract S newStore();

    abstract SeenKeys create(SortedStore store);

    Sizing sizing() {
        return new Sizing(WINDOW, 100_000, 0.001);
    }

    @Test
    void findsAKeyAddedWithinTheWindowBeforeOrAfterIt() {
        SeenKeys seen = create(store);
        seen.add(key(1), T0, 7, sizing());

        assertThat(seen.find(key(1), T0 + WINDOW - 1, WINDOW)).isNotNull();
        assertThat(seen.find(key(1), T0 - WINDOW + 1, WINDOW)).isNotNull();
        assertThat(seen.find(key(2), T0, WINDOW)).isNull();
    }

    @Test
    void neverMissesAKeyAddedInsideTheWindow() {
        SeenKeys seen = create(store);
        for (int i = 0; i < 50_000; i++) {
            seen.add(key(i), T0 + i, i, sizing());
        }
        for (int i = 0; i < 50_000; i++) {
            assertThat(seen.find(key(i), T0 + 50_000, WINDOW)).as("key %d", i).isNotNull();
        }
    }

    @Test
    void restoresEverythingFromItsStore() {
        SeenKeys seen = create(store);
        for (int i = 0; i < 1000; i++) {
            seen.add(key(i), T0 + i * 100L, i, sizing());
        }
        seen.flush();
        SeenKeys restored = create(store);
        for (int i = 0; i < 1000; i++) {
            assertThat(restored.find(key(i), T0 + i * 100L, WINDOW)).isNotNull();
        }
        assertThat(restored.retainedKeys()).isBetween(950L, 1050L);
    }

    @Test
    void purgeDropsSegmentsEndingBeforeTheGivenTimeAndKeepsTheRest() {
        SeenKeys seen = create(store);
        seen.add(key(1), T0, 1, sizing());
        seen.add(key(2), T0 + 3 * WINDOW, 2, sizing());

        seen.purge(T0 + 2 * WINDOW);

        assertThat(seen.find(key(1), T0 + WINDOW / 2, WINDOW)).isNull();
        assertThat(seen.find(key(2), T0 + 3 * WINDOW, WINDOW)).isNotNull();
        seen.purge(T0 + 10 * WINDOW);
        assertThat(seen.isEmpty()).isTrue();
        assertThat(store.approximateEntries()).isZero();
    }

    @Test
    void steadyStreamOfUniqueKeysKeepsAboutOneWindowOfKeys() {
        SeenKeys seen = create(store);
        long perWindow = 60_000;
        long maxRetained = 0;
        for (long i = 0; i < 6 * perWindow; i++) {
            long time = T0 + i * WINDOW / perWindow;
            seen.add(key(i), time, i, sizing());
            if (i % 1000 == 0) {
                seen.purge(time - WINDOW);
                maxRetained = Math.max(maxRetained, seen.retainedKeys());
            }
        }
        System.out.printf("%s: at most %d keys retained for %d keys per window%n",
                getClass().getSimpleName(), maxRetained, perWindow);
        assertThat(maxRetained).isLessThanOrEqualTo((long) (perWindow * maxRetainedWindows()));
    }

    /** Windows of keys the state may hold at most under a steady stream (one window plus one segment). */
    abstract double maxRetainedWindows();
}
