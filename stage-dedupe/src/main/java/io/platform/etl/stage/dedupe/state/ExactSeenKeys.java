package io.platform.etl.stage.dedupe.state;

import io.platform.etl.stage.dedupe.key.KeyHash;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * {@code exact}: one store entry per passed key, 32 bytes in all. Key = bucket start (u32 epoch seconds) + the
 * 128-bit key hash; value = event time as millis after the bucket start (u32) + the input position (8 bytes) of the
 * copy that passed. Buckets are {@code window / bucketsPerWindow} wide, so a lookup probes at most
 * {@code 2 * bucketsPerWindow + 1} buckets (usually {@code bucketsPerWindow + 1}) and purging drops whole buckets.
 */
public final class ExactSeenKeys implements SeenKeys {

    static final int PREFIX = 4;
    static final int ENTRY_BYTES = PREFIX + KeyHash.BYTES + 4 + 8;

    private final SortedStore store;
    private final int bucketsPerWindow;
    private final NavigableMap<Long, Segment> buckets = new TreeMap<>();
    /** The key looked up, refilled per bucket: stores do not keep the keys they are asked for. */
    private final byte[] probe = new byte[PREFIX + KeyHash.BYTES];
    /** The bucket last added to: records come in event-time order mostly. */
    private Segment lastAdded;
    /** {@link #buckets} as an array, oldest first, for look-ups: a sorted map's iterator was an eighth of them. */
    private Segment[] live = new Segment[0];

    public ExactSeenKeys(SortedStore store, int bucketsPerWindow) {
        this.store = store;
        this.bucketsPerWindow = bucketsPerWindow;
        SegmentLayout.markers(store, PREFIX).forEach((key, value) -> {
            long start = Integer.toUnsignedLong(ByteBuffer.wrap(key).getInt()) * 1000;
            buckets.put(start, new Segment(start, ByteBuffer.wrap(value).getInt() * 1000L));
        });
        live = buckets.values().toArray(Segment[]::new);
    }

    @Override
    public Long find(KeyHash key, long time, long window) {
        for (Segment bucket : live) {
            if (!bucket.near(time, window)) {
                continue;
            }
            BigEndian.putInt(probe, 0, (int) (bucket.start() / 1000));
            BigEndian.putLong(probe, PREFIX, key.hi());
            BigEndian.putLong(probe, PREFIX + 8, key.lo());
            byte[] value = store.get(probe);
            if (value != null) {
                long seen = bucket.start() + Integer.toUnsignedLong(BigEndian.getInt(value, 0));
                if (Math.abs(time - seen) < window) {
                    return BigEndian.getLong(value, 4);
                }
            }
        }
        return null;
    }

    @Override
    public void add(KeyHash key, long time, long position, Sizing sizing) {
        Segment bucket = lastAdded != null && lastAdded.contains(time) ? lastAdded : null;
        if (bucket == null) {
            long width = Math.max(1, sizing.window() / bucketsPerWindow / 1000) * 1000;
            bucket = SegmentLayout.place(buckets, time, width);
            if (!buckets.containsKey(bucket.start())) {
                buckets.put(bucket.start(), bucket);
                live = buckets.values().toArray(Segment[]::new);
                store.put(prefix(bucket.start()), ByteBuffer.allocate(4).putInt((int) (bucket.width() / 1000))
                        .array());
            }
            lastAdded = bucket;
        }
        byte[] value = new byte[12];
        BigEndian.putInt(value, 0, (int) (time - bucket.start()));
        BigEndian.putLong(value, 4, position);
        store.put(entryKey(bucket.start(), key), value);
    }

    @Override
    public long purge(long before) {
        long removed = 0;
        while (!buckets.isEmpty() && buckets.firstEntry().getValue().end() <= before) {
            Segment bucket = buckets.pollFirstEntry().getValue();
            if (bucket == lastAdded) {
                lastAdded = null;
            }
            removed += store.deletePrefix(prefix(bucket.start())) - 1;
            live = buckets.values().toArray(Segment[]::new);
        }
        return removed;
    }

    @Override
    public boolean isEmpty() {
        return buckets.isEmpty();
    }

    @Override
    public long retainedKeys() {
        return Math.max(0, store.approximateEntries() - buckets.size());
    }

    @Override
    public long retainedBytes() {
        return retainedKeys() * ENTRY_BYTES + (long) buckets.size() * (PREFIX + 4);
    }

    /** The live buckets, oldest first (for tests and metrics). */
    public List<Segment> buckets() {
        return List.copyOf(buckets.values());
    }

    private static byte[] prefix(long startMillis) {
        return ByteBuffer.allocate(PREFIX).putInt((int) (startMillis / 1000)).array();
    }

    private static byte[] entryKey(long startMillis, KeyHash key) {
        byte[] out = new byte[PREFIX + KeyHash.BYTES];
        BigEndian.putInt(out, 0, (int) (startMillis / 1000));
        BigEndian.putLong(out, PREFIX, key.hi());
        BigEndian.putLong(out, PREFIX + 8, key.lo());
        return out;
    }
}
