package io.platform.etl.stage.dedupe.state;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The {@link SortedStore} of {@link ExactSeenKeys} with its changelog written in chunks (ADR 0610): the keys added to
 * a bucket since the last {@link #flush} become one changelog record, {@code [tag][bucket s:4][chunk:4]} →
 * {@code [bucket width s:4]} + 28 bytes per key ({@code [hash:16][time offset:4][position:8]}), not one record per
 * key; a bucket's purge writes one tombstone per chunk, not per key. A key costs the producer and the broker a share
 * of a record instead of a record and, later, a tombstone. Entries leave only with their bucket
 * ({@link #deletePrefix}); the bucket marker is not logged (every chunk carries the width).
 */
public final class ExactChunkLog implements SortedStore {

    /** At most this many keys in one chunk record (229 KB), far under the broker's 1 MB default record limit. */
    static final int MAX_CHUNK_KEYS = 8_192;
    private static final int PREFIX = ExactSeenKeys.PREFIX;
    private static final int ENTRY_KEY = ExactSeenKeys.PREFIX + 16;
    private static final int ENTRY = 16 + 12;

    private final SortedStore inner;
    private final byte tag;
    /** Per bucket (unsigned seconds): the next chunk number, the width and the keys not yet written. */
    private final Map<Long, Bucket> buckets = new HashMap<>();
    /** The bucket last added to (records come in event-time order mostly). */
    private long lastBucket = -1;
    private Bucket last;
    private BiConsumer<byte[], byte[]> sink;

    private static final class Bucket {
        int nextChunk;
        byte[] width;
        byte[] pending = new byte[0];
        int pendingKeys;
    }

    public ExactChunkLog(SortedStore inner, byte tag) {
        this.inner = inner;
        this.tag = tag;
    }

    /** Where changes go from now on (the emitter of the record, or of the commit, being handled). */
    public void sink(BiConsumer<byte[], byte[]> sink) {
        this.sink = sink;
    }

    /** Applies one chunk or tombstone read from the changelog (its tag stripped), without logging it again. */
    public void restore(byte[] key, byte[] value) {
        if (key.length != PREFIX + 4) {
            throw new IllegalStateException("an exact changelog chunk key has " + (PREFIX + 4) + " bytes, got "
                    + key.length);
        }
        byte[] prefix = Arrays.copyOf(key, PREFIX);
        long bucket = bucketOf(prefix);
        if (value == null) {
            // Chunks are tombstoned only when their whole bucket was purged.
            inner.deletePrefix(prefix);
            buckets.remove(bucket);
            lastBucket = -1;
            last = null;
            return;
        }
        Bucket b = buckets.computeIfAbsent(bucket, k -> new Bucket());
        b.nextChunk = Math.max(b.nextChunk, ByteBuffer.wrap(key, PREFIX, 4).getInt() + 1);
        b.width = Arrays.copyOf(value, 4);
        inner.put(prefix, b.width);
        for (int at = 4; at + ENTRY <= value.length; at += ENTRY) {
            byte[] entryKey = new byte[ENTRY_KEY];
            System.arraycopy(prefix, 0, entryKey, 0, PREFIX);
            System.arraycopy(value, at, entryKey, PREFIX, 16);
            inner.put(entryKey, Arrays.copyOfRange(value, at + 16, at + ENTRY));
        }
    }

    /** Writes each bucket's keys added since the last flush as one chunk to the current sink. */
    public void flush() {
        for (Map.Entry<Long, Bucket> e : new TreeMap<>(buckets).entrySet()) {
            if (e.getValue().pendingKeys > 0) {
                write(e.getKey(), e.getValue());
            }
        }
    }

    @Override
    public byte[] get(byte[] key) {
        return inner.get(key);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        inner.put(key, value);
        long bucket = bucketOf(key);
        Bucket b = bucket == lastBucket ? last : buckets.computeIfAbsent(bucket, k -> new Bucket());
        lastBucket = bucket;
        last = b;
        if (key.length == PREFIX) {
            b.width = value.clone();
            return;
        }
        if (key.length != ENTRY_KEY || value.length != ENTRY - 16) {
            throw new IllegalArgumentException("not an exact entry: " + key.length + " + " + value.length + " bytes");
        }
        int at = b.pendingKeys * ENTRY;
        if (at + ENTRY > b.pending.length) {
            b.pending = Arrays.copyOf(b.pending, Math.max(ENTRY * 64, b.pending.length * 2));
        }
        System.arraycopy(key, PREFIX, b.pending, at, 16);
        System.arraycopy(value, 0, b.pending, at + 16, ENTRY - 16);
        if (++b.pendingKeys == MAX_CHUNK_KEYS) {
            write(bucket, b);
        }
    }

    /** Not supported: an exact entry leaves only with its bucket ({@link #deletePrefix}), which tombstones chunks. */
    @Override
    public void delete(byte[] key) {
        throw new UnsupportedOperationException("exact entries are removed with their bucket (deletePrefix)");
    }

    @Override
    public long deletePrefix(byte[] prefix) {
        long removed = inner.deletePrefix(prefix);
        Bucket b = buckets.remove(bucketOf(prefix));
        lastBucket = -1;
        last = null;
        if (b != null) {
            for (int chunk = 0; chunk < b.nextChunk; chunk++) {
                sink.accept(chunkKey(bucketOf(prefix), chunk), null);
            }
        }
        return removed;
    }

    @Override
    public Map.Entry<byte[], byte[]> firstAtOrAfter(byte[] from) {
        return inner.firstAtOrAfter(from);
    }

    @Override
    public void forEach(byte[] from, byte[] to, Consumer<Map.Entry<byte[], byte[]>> action) {
        inner.forEach(from, to, action);
    }

    @Override
    public long approximateEntries() {
        return inner.approximateEntries();
    }

    private void write(long bucket, Bucket b) {
        byte[] value = new byte[4 + b.pendingKeys * ENTRY];
        System.arraycopy(b.width, 0, value, 0, 4);
        System.arraycopy(b.pending, 0, value, 4, b.pendingKeys * ENTRY);
        sink.accept(chunkKey(bucket, b.nextChunk++), value);
        b.pendingKeys = 0;
        if (b.pending.length > ENTRY * 1024) {
            b.pending = new byte[0];
        }
    }

    private byte[] chunkKey(long bucket, int chunk) {
        return ByteBuffer.allocate(1 + PREFIX + 4).put(tag).putInt((int) bucket).putInt(chunk).array();
    }

    private static long bucketOf(byte[] key) {
        return Integer.toUnsignedLong(BigEndian.getInt(key, 0));
    }
}
