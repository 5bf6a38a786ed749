package io.platform.etl.stage.dedupe.state;

import static io.platform.etl.stage.dedupe.state.Keys.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Bloom store's changelog: replayed into a fresh store, it gives back the same state (ADR 0609). */
class LoggedStoreTest {

    private static final long WINDOW = 60_000;
    private static final long T0 = 1_714_557_600_000L;
    private static final Sizing SIZING = new Sizing(WINDOW, 10_000, 0.001);

    private record Change(byte[] key, byte[] value) {
    }

    @Test
    void foldedBloomPagesAreWrittenOncePerFlushAndRestoreTheFilter() {
        List<Change> log = new ArrayList<>();
        LoggedStore logged = new LoggedStore(new MemoryStore(), (byte) 'B', true);
        logged.sink((k, v) -> log.add(new Change(k, v.clone())));
        BloomSeenKeys seen = new BloomSeenKeys(logged, 1);
        for (int i = 0; i < 5_000; i++) {
            seen.add(key(i), T0 + i, i, SIZING);
        }
        assertThat(log).isEmpty();
        seen.flush();
        assertThat(log).as("pages reach the store on flush, where they are folded until the commit").isEmpty();
        logged.flush();
        int pages = seen.segments().getFirst().geometry().pages();
        // One marker and each changed page, once.
        assertThat(log).hasSizeLessThanOrEqualTo(pages + 1);
        assertThat(log.stream().map(c -> Arrays.toString(c.key())).distinct().count()).isEqualTo(log.size());

        BloomSeenKeys again = new BloomSeenKeys(replay(log, new MemoryStore(), (byte) 'B'), 1);
        for (int i = 0; i < 5_000; i++) {
            assertThat(again.find(key(i), T0 + i, WINDOW)).as("key %d", i).isNotNull();
        }
    }

    private static LoggedStore replay(List<Change> log, SortedStore into, byte tag) {
        LoggedStore store = new LoggedStore(into, tag, false);
        for (Change c : log) {
            assertThat(c.key()[0]).isEqualTo(tag);
            store.restore(Arrays.copyOfRange(c.key(), 1, c.key().length), c.value());
        }
        return store;
    }
}
