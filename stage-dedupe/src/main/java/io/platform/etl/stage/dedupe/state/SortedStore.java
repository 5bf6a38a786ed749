package io.platform.etl.stage.dedupe.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The few operations the dedupe state needs from a byte-ordered key-value store (keys compared as unsigned bytes):
 * the stage's in-memory stores ({@link ExactTableStore}, {@link MemoryStore}) and their changelogs.
 */
public interface SortedStore {

    byte[] get(byte[] key);

    void put(byte[] key, byte[] value);

    void delete(byte[] key);

    /** The first entry whose key is {@code >= from}, or null. */
    Map.Entry<byte[], byte[]> firstAtOrAfter(byte[] from);

    /** Every entry with {@code from <= key < to}, in key order. */
    void forEach(byte[] from, byte[] to, Consumer<Map.Entry<byte[], byte[]>> action);

    /** Number of entries, exact or estimated (RocksDB estimates). */
    long approximateEntries();

    /** Deletes every entry whose key starts with {@code prefix}; returns how many went. */
    default long deletePrefix(byte[] prefix) {
        List<byte[]> keys = new ArrayList<>();
        forEach(prefix, SegmentLayout.successor(prefix), e -> keys.add(e.getKey()));
        keys.forEach(this::delete);
        return keys.size();
    }
}
