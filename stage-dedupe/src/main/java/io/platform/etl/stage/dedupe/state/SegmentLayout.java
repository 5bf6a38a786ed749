package io.platform.etl.stage.dedupe.state;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Where a new segment goes: aligned to its width in event time, clipped so that it never overlaps a segment created
 * earlier with another width (after a window change), and the marker-key scan that finds the segments of a store
 * after a restore. A segment's marker is its prefix alone (the shortest key of the prefix, so the first in order).
 */
final class SegmentLayout {

    private SegmentLayout() {
    }

    /** The live segment containing {@code time}, or a new one of {@code width} aligned and clipped to neighbours. */
    static Segment place(NavigableMap<Long, Segment> live, long time, long width) {
        Map.Entry<Long, Segment> floor = live.floorEntry(time);
        if (floor != null && floor.getValue().contains(time)) {
            return floor.getValue();
        }
        long start = Math.floorDiv(time, width) * width;
        long end = start + width;
        if (floor != null && floor.getValue().end() > start) {
            start = floor.getValue().end();
        }
        Map.Entry<Long, Segment> next = live.higherEntry(time);
        if (next != null && next.getKey() < end) {
            end = next.getKey();
        }
        return new Segment(start, end - start);
    }

    /** Every marker entry of a store whose keys start with a prefix of {@code prefixLength} bytes. */
    static NavigableMap<byte[], byte[]> markers(SortedStore store, int prefixLength) {
        NavigableMap<byte[], byte[]> out = new TreeMap<>(java.util.Arrays::compareUnsigned);
        byte[] from = new byte[0];
        while (true) {
            Map.Entry<byte[], byte[]> first = store.firstAtOrAfter(from);
            if (first == null) {
                return out;
            }
            byte[] key = first.getKey();
            if (key.length != prefixLength) {
                throw new IllegalStateException("dedupe store entry without a segment marker: " + key.length
                        + " byte key where a " + prefixLength + " byte marker was expected");
            }
            out.put(key, first.getValue());
            from = successor(key);
            if (from == null) {
                return out;
            }
        }
    }

    /** The smallest prefix greater than every key starting with {@code prefix}; null when there is none. */
    static byte[] successor(byte[] prefix) {
        byte[] next = prefix.clone();
        for (int i = next.length - 1; i >= 0; i--) {
            if (next[i] != (byte) 0xff) {
                next[i]++;
                java.util.Arrays.fill(next, i + 1, next.length, (byte) 0);
                return next;
            }
        }
        return null;
    }
}
