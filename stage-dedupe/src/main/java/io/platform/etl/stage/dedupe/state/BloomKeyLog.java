package io.platform.etl.stage.dedupe.state;

import io.platform.etl.stage.dedupe.key.KeyHash;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The changelog of the Bloom filters as the keys added to them (ADR 0611): per segment and commit one record
 * {@code [tag][segment start:8][chunk:4]} → 16 bytes per key hash added since the last {@link #flush}. A restore adds
 * them to the segment's filter again, which sets the same bits (same geometry, same hashes); a purged segment
 * tombstones its chunks. The filters themselves are never logged: at a few thousand keys per partition and commit
 * every page of a filter changes, and writing them all was most of what the stage wrote.
 */
public final class BloomKeyLog {

    /** At most this many keys in one chunk record (128 KiB), far under the broker's 1 MB default record limit. */
    static final int MAX_CHUNK_KEYS = 8_192;
    private static final int KEY_BYTES = 8 + 4;

    private final byte tag;
    /** Per segment start: the next chunk number and the keys not yet written. */
    private final Map<Long, Chunks> segments = new HashMap<>();
    /** Chunks read from the changelog, until {@link #replay} hands their keys to the filters. */
    private final Map<ByteBuffer, byte[]> restored = new LinkedHashMap<>();
    private long lastStart = Long.MIN_VALUE;
    private Chunks last;
    private BiConsumer<byte[], byte[]> sink;

    private static final class Chunks {
        int next;
        byte[] pending = new byte[0];
        int keys;
    }

    /** What a replay adds a restored key to. */
    interface Target {
        void add(long segmentStart, KeyHash key);
    }

    public BloomKeyLog(byte tag) {
        this.tag = tag;
    }

    /** Where chunks go from now on (the emitter of the record, tick or commit being handled). */
    public void sink(BiConsumer<byte[], byte[]> sink) {
        this.sink = sink;
    }

    /** Takes one chunk or tombstone read from the changelog (its tag stripped). */
    public void restore(byte[] key, byte[] value) {
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException("a Bloom key chunk has a " + KEY_BYTES + " byte key, got " + key.length);
        }
        if (value != null && value.length % KeyHash.BYTES != 0) {
            throw new IllegalStateException("a Bloom key chunk holds 16 bytes a key, got " + value.length + " bytes");
        }
        ByteBuffer k = ByteBuffer.wrap(key);
        Chunks chunks = segments.computeIfAbsent(k.getLong(0), s -> new Chunks());
        chunks.next = Math.max(chunks.next, k.getInt(8) + 1);
        if (value == null) {
            restored.remove(k);
        } else {
            restored.put(k, value);
        }
    }

    /**
     * Adds every restored key to {@code target}, once, and forgets the chunks of segments not in {@code live} (purged
     * before the restore: their tombstones were written).
     */
    void replay(Target target, Set<Long> live) {
        for (Map.Entry<ByteBuffer, byte[]> e : restored.entrySet()) {
            long start = e.getKey().getLong(0);
            if (!live.contains(start)) {
                continue;
            }
            ByteBuffer keys = ByteBuffer.wrap(e.getValue());
            while (keys.hasRemaining()) {
                target.add(start, new KeyHash(keys.getLong(), keys.getLong()));
            }
        }
        restored.clear();
        segments.keySet().retainAll(live);
        last = null;
        lastStart = Long.MIN_VALUE;
    }

    /** A key added to the segment starting at {@code start}: written with the segment's next chunk. */
    void added(long start, KeyHash key) {
        Chunks chunks = start == lastStart ? last : segments.computeIfAbsent(start, s -> new Chunks());
        lastStart = start;
        last = chunks;
        int at = chunks.keys * KeyHash.BYTES;
        if (at + KeyHash.BYTES > chunks.pending.length) {
            chunks.pending = Arrays.copyOf(chunks.pending, Math.max(KeyHash.BYTES * 256, chunks.pending.length * 2));
        }
        BigEndian.putLong(chunks.pending, at, key.hi());
        BigEndian.putLong(chunks.pending, at + 8, key.lo());
        if (++chunks.keys == MAX_CHUNK_KEYS) {
            write(start, chunks);
        }
    }

    /** Writes each segment's keys added since the last flush as one chunk to the current sink. */
    public void flush() {
        for (Map.Entry<Long, Chunks> e : new TreeMap<>(segments).entrySet()) {
            if (e.getValue().keys > 0) {
                write(e.getKey(), e.getValue());
            }
        }
    }

    /** The segment was purged: its chunks are tombstoned. */
    void purged(long start) {
        Chunks chunks = segments.remove(start);
        if (start == lastStart) {
            last = null;
            lastStart = Long.MIN_VALUE;
        }
        if (chunks != null) {
            for (int chunk = 0; chunk < chunks.next; chunk++) {
                sink.accept(chunkKey(start, chunk), null);
            }
        }
    }

    /** Chunks written per segment start so far (for tests). */
    Map<Long, Integer> chunks() {
        Map<Long, Integer> out = new TreeMap<>();
        segments.forEach((start, chunks) -> out.put(start, chunks.next));
        return out;
    }

    private void write(long start, Chunks chunks) {
        sink.accept(chunkKey(start, chunks.next++), Arrays.copyOf(chunks.pending, chunks.keys * KeyHash.BYTES));
        chunks.keys = 0;
        if (chunks.pending.length > KeyHash.BYTES * MAX_CHUNK_KEYS / 4) {
            chunks.pending = new byte[0];
        }
    }

    private byte[] chunkKey(long start, int chunk) {
        return ByteBuffer.allocate(1 + KEY_BYTES).put(tag).putLong(start).putInt(chunk).array();
    }
}
