package io.platform.etl.stage.dedupe.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A logged store's changelog (ADR 0609): folded to one write per key and flush, replayed silently. */
class LoggedStoreTest {

    private record Change(String key, String value) {
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return b == null ? null : new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aFoldingStoreWritesEachChangedKeyOnceAtFlushWithItsTag() {
        List<Change> log = new ArrayList<>();
        LoggedStore store = new LoggedStore(new MemoryStore(), (byte) 'B', true);
        store.sink((k, v) -> log.add(new Change(text(k), text(v))));
        store.put(bytes("a"), bytes("1"));
        store.put(bytes("a"), bytes("2"));
        store.put(bytes("b"), bytes("1"));
        store.delete(bytes("b"));
        assertThat(log).isEmpty();
        assertThat(text(store.get(bytes("a")))).isEqualTo("2");

        store.flush();

        assertThat(log).containsExactly(new Change("Ba", "2"), new Change("Bb", null));
        store.flush();
        assertThat(log).hasSize(2);
    }

    @Test
    void restoredEntriesAreAppliedWithoutBeingLoggedAgain() {
        List<Change> log = new ArrayList<>();
        LoggedStore store = new LoggedStore(new MemoryStore(), (byte) 'B', false);
        store.sink((k, v) -> log.add(new Change(text(k), text(v))));
        store.restore(bytes("a"), bytes("1"));
        store.restore(bytes("b"), bytes("1"));
        store.restore(bytes("b"), null);

        assertThat(text(store.get(bytes("a")))).isEqualTo("1");
        assertThat(store.get(bytes("b"))).isNull();
        assertThat(log).isEmpty();
        store.put(bytes("c"), bytes("3"));
        assertThat(log).containsExactly(new Change("Bc", "3"));
    }
}
