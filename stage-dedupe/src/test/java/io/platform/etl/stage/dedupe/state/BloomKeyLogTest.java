package io.platform.etl.stage.dedupe.state;

import static io.platform.etl.stage.dedupe.state.Keys.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Bloom state's changelog (ADR 0611): segment markers through a folding {@link LoggedStore}, the keys added through
 * a {@link BloomKeyLog}; replayed into fresh ones, they give back the same filters.
 */
class BloomKeyLogTest {

    private static final long WINDOW = 60_000;
    private static final long T0 = 1_714_557_600_000L;
    private static final Sizing SIZING = new Sizing(WINDOW, 10_000, 0.001);
    private static final byte MARKERS = 'B';
    private static final byte KEYS = 'K';

    private record Change(byte[] key, byte[] value) {
    }

    private final List<Change> log = new ArrayList<>();

    private LoggedStore markers(SortedStore inner) {
        LoggedStore store = new LoggedStore(inner, MARKERS, true);
        store.sink((k, v) -> log.add(new Change(k, v)));
        return store;
    }

    private BloomKeyLog keys() {
        BloomKeyLog keys = new BloomKeyLog(KEYS);
        keys.sink((k, v) -> log.add(new Change(k, v)));
        return keys;
    }

    @Test
    void keysAreWrittenAtFlushInOneChunkPerSegmentAndRestoreTheFilters() {
        LoggedStore store = markers(new MemoryStore());
        BloomSeenKeys seen = new BloomSeenKeys(store, keys(), 1);
        for (int i = 0; i < 5_000; i++) {
            seen.add(key(i), T0 + i, i, SIZING);
        }
        assertThat(log).as("nothing before the commit").isEmpty();
        seen.flush();
        store.flush();
        // One chunk of 16 bytes a key and the segment's marker: no filter page is written.
        assertThat(log).hasSize(2);
        Change chunk = log.stream().filter(c -> c.key()[0] == KEYS).findFirst().orElseThrow();
        assertThat(chunk.value()).hasSize(5_000 * 16);
        assertThat(ByteBuffer.wrap(chunk.key(), 1, 12).getLong()).isEqualTo(T0);

        BloomSeenKeys again = replay();
        for (int i = 0; i < 5_000; i++) {
            assertThat(again.find(key(i), T0 + i, WINDOW)).as("key %d", i).isNotNull();
        }
        assertThat(again.retainedKeys()).isEqualTo(5_000);
        assertThat(again.segments().getFirst().estimatedRate())
                .isEqualTo(seen.segments().getFirst().estimatedRate());
    }

    @Test
    void aChunkIsWrittenAsSoonAsItHoldsItsMaximumOfKeys() {
        BloomSeenKeys seen = new BloomSeenKeys(markers(new MemoryStore()), keys(), 1);
        for (int i = 0; i <= BloomKeyLog.MAX_CHUNK_KEYS; i++) {
            seen.add(key(i), T0, i, SIZING);
        }
        assertThat(log).hasSize(1);
        assertThat(log.getFirst().value()).hasSize(BloomKeyLog.MAX_CHUNK_KEYS * 16);
        seen.flush();
        assertThat(log).hasSize(2);
        assertThat(log.get(1).value()).hasSize(16);
    }

    @Test
    void aPurgedSegmentTombstonesEveryChunkAndItsMarkerAndIsNotRestored() {
        LoggedStore store = markers(new MemoryStore());
        BloomKeyLog keys = keys();
        BloomSeenKeys seen = new BloomSeenKeys(store, keys, 1);
        seen.add(key(1), T0, 1, SIZING);
        seen.flush();
        seen.add(key(2), T0 + 1, 2, SIZING);
        seen.add(key(3), T0 + 2 * WINDOW, 3, SIZING);
        seen.flush();
        store.flush();
        assertThat(keys.chunks()).containsEntry(T0, 2).containsEntry(T0 + 2 * WINDOW, 1);

        seen.purge(T0 + WINDOW);
        store.flush();
        List<String> tombstones = log.stream().filter(c -> c.value() == null)
                .map(c -> (char) c.key()[0] + "@" + ByteBuffer.wrap(c.key(), 1, 8).getLong() + "/"
                        + (c.key().length > 9 ? ByteBuffer.wrap(c.key(), 9, 4).getInt() : -1))
                .toList();
        assertThat(tombstones).containsExactlyInAnyOrder("K@" + T0 + "/0", "K@" + T0 + "/1", "B@" + T0 + "/-1");

        BloomSeenKeys again = replay();
        assertThat(again.find(key(2), T0 + 1, WINDOW)).isNull();
        assertThat(again.find(key(3), T0 + 2 * WINDOW, WINDOW)).isNotNull();
        assertThat(again.segments()).hasSize(1);
    }

    /** A changelog written before ADR 0611 holds the filters' pages: they still restore, and leave with the segment. */
    @Test
    void pagesWrittenBeforeKeyChunksStillRestore() {
        BloomSeenKeys before = new BloomSeenKeys(markers(new MemoryStore()), keys(), 1);
        for (int i = 0; i < 2_000; i++) {
            before.add(key(i), T0 + i, i, SIZING);
        }
        MemoryStore legacy = new MemoryStore();
        BloomSegment segment = before.segments().getFirst();
        legacy.put(ByteBuffer.allocate(8).putLong(T0).array(), segment.geometry().toBytes(segment.segment().width()));
        for (int page = 0; page < segment.geometry().pages(); page++) {
            legacy.put(ByteBuffer.allocate(12).putLong(T0).putInt(page).array(), segment.page(page).clone());
        }
        log.clear();

        LoggedStore store = markers(legacy);
        BloomSeenKeys restored = new BloomSeenKeys(store, keys(), 1);
        for (int i = 0; i < 2_000; i++) {
            assertThat(restored.find(key(i), T0 + i, WINDOW)).as("key %d", i).isNotNull();
        }
        restored.purge(T0 + WINDOW);
        store.flush();
        assertThat(log.stream().filter(c -> c.value() == null && c.key()[0] == MARKERS)).hasSize(1
                + segment.geometry().pages());
        assertThat(legacy.approximateEntries()).isZero();
    }

    private BloomSeenKeys replay() {
        LoggedStore store = new LoggedStore(new MemoryStore(), MARKERS, true);
        BloomKeyLog keys = new BloomKeyLog(KEYS);
        for (Change c : log) {
            byte[] key = Arrays.copyOfRange(c.key(), 1, c.key().length);
            if (c.key()[0] == MARKERS) {
                store.restore(key, c.value());
            } else {
                keys.restore(key, c.value());
            }
        }
        return new BloomSeenKeys(store, keys, 1);
    }
}
