package io.platform.etl.stage.dedupe.state;

import java.util.Map;
import java.util.function.Consumer;

/**
 * The few operations the dedupe state needs from a byte-ordered key-value store (keys compared as unsigned bytes):
 * a Kafka Streams store in the stage ({@link StreamsSortedStore}), a plain sorted map in unit tests.
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
}
