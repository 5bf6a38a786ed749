package io.platform.etl.stage.dedupe.state;

import io.platform.etl.stage.dedupe.key.KeyHash;

/**
 * The keys that passed, by event time: the contract both algorithms ({@code exact}, {@code bloom_filter}) fulfil.
 * Every change goes to the {@link SortedStore} given at construction, at once or at the latest on {@link #flush}, so it
 * is restorable from the changelog; an instance rebuilds its in-memory index from that store when created.
 */
public interface SeenKeys {

    /** Writes the changes held back in memory to the store (before a commit); a no-op for state that writes through. */
    default void flush() {
    }

    /** Position of a copy whose position is unknown (a Bloom filter keeps none). */
    long UNKNOWN_POSITION = -1L;

    /**
     * Looks for a key that passed within {@code window} millis of {@code time}.
     *
     * @return the stored position of the passed copy, {@link #UNKNOWN_POSITION} when the algorithm cannot tell, or
     *         {@code null} when not seen
     */
    Long find(KeyHash key, long time, long window);

    /** Records that the key passed at {@code time} from input {@code position}. */
    void add(KeyHash key, long time, long position, Sizing sizing);

    /** Drops every segment that ends at or before {@code before}; returns how many keys went. */
    long purge(long before);

    /** Whether any segment is live (so a switch away from this algorithm still consults it). */
    boolean isEmpty();

    /** Keys held (estimated for RocksDB-backed exact state). */
    long retainedKeys();

    /** Bytes of state: key and value bytes of every entry. */
    long retainedBytes();
}
