package io.platform.etl.stage.dedupe.state;

import io.platform.etl.stage.dedupe.key.KeyHash;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * {@code bloom_filter}: one page-blocked Bloom filter per segment of {@code window / segmentsPerWindow} event time.
 * A lookup asks every segment near the record's time, so each filter is sized for
 * {@code rate / (segmentsPerWindow + 1)} (the segments an in-order lookup asks) and the lookup stays at or under the
 * configured rate. No false negatives: a key added at {@code t0} is in the segment of {@code t0}, which every lookup
 * within the window asks until the horizon passes its end. Because a segment has no per-key times, a key is
 * remembered for at least one window and at most one window plus one segment.
 * <p>
 * Store layout: marker {@code [start:8]} → width and geometry. The filters' bits are not stored: the keys added to
 * them go to the {@link BloomKeyLog}, which a restore replays into the segments (ADR 0611). Pages
 * {@code [start:8][index:4]} → 4 KiB of bits, as written before ADR 0611, are still read, and dropped with their
 * segment.
 */
public final class BloomSeenKeys implements SeenKeys {

    private static final int PREFIX = 8;

    private final SortedStore store;
    private final BloomKeyLog log;
    private final int segmentsPerWindow;
    private final NavigableMap<Long, BloomSegment> segments = new TreeMap<>();
    private final NavigableMap<Long, Segment> bounds = new TreeMap<>();
    /** {@link #segments} as an array, oldest first, for look-ups: a sorted map's iterator was a fifth of them. */
    private BloomSegment[] live = new BloomSegment[0];
    /** The segment last added to: records come in event-time order mostly. */
    private BloomSegment lastAdded;

    /** Restores the segments from the store's markers (and pages, if written before ADR 0611) and the log's keys. */
    public BloomSeenKeys(SortedStore store, BloomKeyLog log, int segmentsPerWindow) {
        this.store = store;
        this.log = log;
        this.segmentsPerWindow = segmentsPerWindow;
        SegmentLayout.markers(store, PREFIX).forEach((key, value) -> {
            long start = ByteBuffer.wrap(key).getLong();
            ByteBuffer v = ByteBuffer.wrap(value);
            Segment segment = new Segment(start, v.getLong());
            BloomGeometry geometry = BloomGeometry.fromBytes(v);
            byte[][] pages = new byte[geometry.pages()][];
            store.forEach(pageKey(start, 0), SegmentLayout.successor(key), e ->
                    pages[ByteBuffer.wrap(e.getKey(), PREFIX, 4).getInt()] = e.getValue());
            for (int i = 0; i < pages.length; i++) {
                pages[i] = pages[i] == null ? new byte[BloomGeometry.PAGE_BYTES] : pages[i];
            }
            segments.put(start, new BloomSegment(segment, geometry, pages));
            bounds.put(start, segment);
        });
        log.replay((start, key) -> segments.get(start).add(key), segments.keySet());
        live = segments.values().toArray(BloomSegment[]::new);
    }

    @Override
    public Long find(KeyHash key, long time, long window) {
        for (BloomSegment segment : live) {
            if (segment.segment().near(time, window) && segment.mightContain(key)) {
                return UNKNOWN_POSITION;
            }
        }
        return null;
    }

    @Override
    public void add(KeyHash key, long time, long position, Sizing sizing) {
        BloomSegment segment = lastAdded != null && lastAdded.segment().contains(time) ? lastAdded : null;
        if (segment == null) {
            long width = Math.max(1, sizing.window() / segmentsPerWindow);
            Segment placed = SegmentLayout.place(bounds, time, width);
            segment = segments.get(placed.start());
            if (segment == null) {
                long capacity = Math.max(1, (long) Math.ceil((double) sizing.expectedKeys() * placed.width()
                        / sizing.window()));
                BloomGeometry geometry = BloomGeometry.of(capacity,
                        sizing.falsePositiveRate() / (segmentsPerWindow + 1));
                segment = BloomSegment.empty(placed, geometry);
                segments.put(placed.start(), segment);
                bounds.put(placed.start(), placed);
                live = segments.values().toArray(BloomSegment[]::new);
                store.put(ByteBuffer.allocate(PREFIX).putLong(placed.start()).array(),
                        geometry.toBytes(placed.width()));
            }
            lastAdded = segment;
        }
        segment.add(key);
        log.added(segment.segment().start(), key);
    }

    /** Writes the keys added since the last flush to the log (ADR 0611). */
    @Override
    public void flush() {
        log.flush();
    }

    @Override
    public long purge(long before) {
        long removed = 0;
        while (!bounds.isEmpty() && bounds.firstEntry().getValue().end() <= before) {
            long start = bounds.pollFirstEntry().getKey();
            BloomSegment segment = segments.remove(start);
            removed += segment.keys();
            live = segments.values().toArray(BloomSegment[]::new);
            if (segment == lastAdded) {
                lastAdded = null;
            }
            log.purged(start);
            byte[] prefix = ByteBuffer.allocate(PREFIX).putLong(start).array();
            List<byte[]> keys = new ArrayList<>();
            store.forEach(prefix, SegmentLayout.successor(prefix), e -> keys.add(e.getKey()));
            keys.forEach(store::delete);
        }
        return removed;
    }

    @Override
    public boolean isEmpty() {
        return segments.isEmpty();
    }

    @Override
    public long retainedKeys() {
        return segments.values().stream().mapToLong(BloomSegment::keys).sum();
    }

    @Override
    public long retainedBytes() {
        return segments.values().stream()
                .mapToLong(s -> (long) s.geometry().pages() * BloomGeometry.PAGE_BYTES + PREFIX + BloomGeometry.BYTES
                        + 8)
                .sum();
    }

    /** Estimated false-positive rate of a lookup at {@code time} now: any near segment answering wrongly. */
    public double estimatedRate(long time, long window) {
        double none = 1;
        for (BloomSegment segment : segments.values()) {
            if (segment.segment().near(time, window)) {
                none *= 1 - segment.estimatedRate();
            }
        }
        return 1 - none;
    }

    public List<BloomSegment> segments() {
        return List.copyOf(segments.values());
    }

    private static byte[] pageKey(long start, int page) {
        return ByteBuffer.allocate(PREFIX + 4).putLong(start).putInt(page).array();
    }
}
