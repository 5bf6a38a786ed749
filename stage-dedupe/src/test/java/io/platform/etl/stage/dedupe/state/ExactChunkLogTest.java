package io.platform.etl.stage.dedupe.state;

import static io.platform.etl.stage.dedupe.state.Keys.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact store's changelog in chunks (ADR 0610): few records, and replayed it gives back the same state. */
class ExactChunkLogTest {

    private static final byte TAG = 'X';
    private static final long WINDOW = 60_000;
    private static final long T0 = 1_714_557_600_000L;
    private static final Sizing SIZING = new Sizing(WINDOW, 10_000, 0.001);

    private record Change(byte[] key, byte[] value) {
    }

    @Test
    void keysAddedBetweenTwoCommitsAreOneRecordPerBucketAndComeBackFromTheChangelog() {
        List<Change> log = new ArrayList<>();
        ExactChunkLog logged = logged(log);
        ExactSeenKeys seen = new ExactSeenKeys(logged, 4);
        for (int i = 0; i < 3_000; i++) {
            seen.add(key(i), T0 + i * 100L, i, SIZING);
            if (i % 1_000 == 999) {
                logged.flush();
            }
        }
        // 300 s of event time in 15 s buckets, three commits of 100 s each: a chunk per bucket a commit added keys
        // to (7, 8 and 7: buckets 6 and 13 span two commits), not one record per key.
        assertThat(seen.buckets()).hasSize(20);
        assertThat(log).hasSize(22);
        long purged = seen.purge(T0 + 100_000);
        assertThat(purged).as("the 6 buckets ending by 90 s, 150 keys each").isEqualTo(900);
        assertThat(log.subList(22, log.size())).as("one tombstone per chunk of the purged buckets").hasSize(6)
                .allSatisfy(c -> assertThat(c.value()).isNull());

        ExactSeenKeys again = new ExactSeenKeys(replay(log), 4);
        assertThat(again.retainedKeys()).isEqualTo(seen.retainedKeys()).isEqualTo(2_100);
        assertThat(again.buckets()).isEqualTo(seen.buckets());
        for (int i = 0; i < 3_000; i++) {
            long time = T0 + i * 100L;
            assertThat(again.find(key(i), time, WINDOW)).as("key %d", i).isEqualTo(seen.find(key(i), time, WINDOW));
        }
    }

    @Test
    void aBucketFillingPastTheChunkLimitIsSplitAndAChunkKeyIsNeverReused() {
        List<Change> log = new ArrayList<>();
        ExactChunkLog logged = logged(log);
        ExactSeenKeys seen = new ExactSeenKeys(logged, 1);
        int keys = ExactChunkLog.MAX_CHUNK_KEYS * 2 + 10;
        for (int i = 0; i < keys; i++) {
            seen.add(key(i), T0 + i % 1_000, i, SIZING);
        }
        assertThat(log).as("two full chunks written as they filled").hasSize(2);
        logged.flush();
        assertThat(log).hasSize(3);
        assertThat(log.stream().map(c -> Arrays.toString(c.key())).distinct()).hasSize(3);
        assertThat(log).allSatisfy(c -> assertThat(c.value().length).isLessThanOrEqualTo(256 * 1024));

        // A new owner goes on after the chunks it restored.
        ExactChunkLog restored = replay(log);
        List<Change> more = new ArrayList<>();
        restored.sink((k, v) -> more.add(new Change(k, v)));
        ExactSeenKeys again = new ExactSeenKeys(restored, 1);
        assertThat(again.retainedKeys()).isEqualTo(keys);
        again.add(key(keys), T0 + 5, keys, SIZING);
        restored.flush();
        assertThat(more).singleElement().satisfies(c -> assertThat(log).noneSatisfy(
                old -> assertThat(old.key()).isEqualTo(c.key())));
    }

    @Test
    void entriesLeaveOnlyWithTheirBucket() {
        ExactChunkLog logged = logged(new ArrayList<>());
        ExactSeenKeys seen = new ExactSeenKeys(logged, 1);
        seen.add(key(1), T0, 1, SIZING);
        byte[] entry = new byte[ExactSeenKeys.PREFIX + 16];
        assertThatThrownBy(() -> logged.delete(entry)).isInstanceOf(UnsupportedOperationException.class);
    }

    private static ExactChunkLog logged(List<Change> log) {
        ExactChunkLog logged = new ExactChunkLog(new ExactTableStore(), TAG);
        logged.sink((k, v) -> log.add(new Change(k, v)));
        return logged;
    }

    /** Replays every record of the log in order, as a restore before compaction reads it. */
    private static ExactChunkLog replay(List<Change> log) {
        ExactChunkLog store = new ExactChunkLog(new ExactTableStore(), TAG);
        for (Change c : log) {
            assertThat(c.key()[0]).isEqualTo(TAG);
            store.restore(Arrays.copyOfRange(c.key(), 1, c.key().length), c.value());
        }
        return store;
    }
}
