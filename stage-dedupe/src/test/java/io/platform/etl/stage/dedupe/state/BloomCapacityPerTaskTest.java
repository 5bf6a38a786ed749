package io.platform.etl.stage.dedupe.state;

import static io.platform.etl.stage.dedupe.state.Keys.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.platform.etl.stage.dedupe.key.KeyHash;
import org.junit.jupiter.api.Test;

/**
 * {@code expected_insertions} is per stage: each of the tasks after the repartition hop holds its share of the keys
 * and sizes its filters for that share, so the stage's Bloom state stays at one filter's worth for the expected keys.
 */
class BloomCapacityPerTaskTest {

    private static final long WINDOW = 60_000;
    private static final long T0 = 1_714_557_600_000L;
    private static final int KEYS = 1_000_000;
    private static final int TASKS = 4;
    private static final double RATE = 0.001;

    @Test
    void givesEachTaskItsShareOfTheExpectedKeys() {
        Sizing stage = new Sizing(WINDOW, KEYS, RATE);

        assertThat(stage.perTask(1)).isEqualTo(stage);
        assertThat(stage.perTask(TASKS).expectedKeys()).isEqualTo(250_000);
        assertThat(new Sizing(WINDOW, KEYS + 1, RATE).perTask(TASKS).expectedKeys()).isEqualTo(250_001);
        assertThat(stage.perTask(TASKS).falsePositiveRate()).isEqualTo(RATE);
        assertThat(new Sizing(WINDOW, 10, RATE).perTask(64).expectedKeys()).isEqualTo(1);
    }

    @Test
    void tasksSizedForTheirShareHoldTheStagesKeysInAboutOneFilterAtTheConfiguredRate() {
        MapStore[] stores = new MapStore[TASKS];
        BloomSeenKeys[] tasks = new BloomSeenKeys[TASKS];
        for (int t = 0; t < TASKS; t++) {
            stores[t] = new MapStore();
            BloomKeyLog log = new BloomKeyLog((byte) 'K');
            log.sink((key, value) -> { });
            tasks[t] = new BloomSeenKeys(stores[t], log, 1);
        }
        Sizing share = new Sizing(WINDOW, KEYS, RATE).perTask(TASKS);
        for (long i = 0; i < KEYS; i++) {
            KeyHash key = key(i);
            tasks[task(key)].add(key, T0 + i * WINDOW / KEYS, SeenKeys.UNKNOWN_POSITION, share);
        }
        long bytes = 0;
        for (int t = 0; t < TASKS; t++) {
            bytes += stores[t].bytes() + tasks[t].segments().stream().mapToLong(BloomSegment::pageBytes).sum();
        }
        long probes = 1_000_000;
        long falsePositives = 0;
        long at = T0 + WINDOW - 1;
        for (long i = 0; i < probes; i++) {
            KeyHash unseen = key(100_000_000 + i);
            if (tasks[task(unseen)].find(unseen, at, WINDOW) != null) {
                falsePositives++;
            }
        }
        double perKey = (double) bytes / KEYS;
        double rate = (double) falsePositives / probes;
        System.out.printf("bloom, %d tasks: %.3f bytes per key, false-positive rate %.6f (configured %.4f)%n",
                TASKS, perKey, rate, RATE);
        // Sized for the whole count in every task, the four would hold four times this.
        assertThat(perKey).isLessThanOrEqualTo(2.0);
        // One full filter of rate/2 answers each lookup here: the rate leaves room for the 1M Bernoulli trials and the
        // binomial spread of the tasks' shares (ADR 0608).
        assertThat(rate).isLessThanOrEqualTo(RATE);
    }

    /** Where the repartition by key hash sends a key (any uniform function of the hash stands in for it). */
    private static int task(KeyHash key) {
        return Math.floorMod(key.hi() ^ key.lo(), TASKS);
    }
}
