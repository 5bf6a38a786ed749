package io.platform.etl.stage.dedupe.state;

import io.platform.etl.stage.dedupe.key.KeyHash;

/**
 * One page-blocked Bloom filter over one segment of event time. Bits live in {@link BloomGeometry#PAGE_BYTES}-byte
 * pages; {@link #add} returns the index of the page it changed (or -1) so the caller writes just that page.
 */
public final class BloomSegment {

    private final Segment segment;
    private final BloomGeometry geometry;
    private final byte[][] pages;
    private long setBits;
    private long keys;

    BloomSegment(Segment segment, BloomGeometry geometry, byte[][] pages) {
        this.segment = segment;
        this.geometry = geometry;
        this.pages = pages;
        for (byte[] page : pages) {
            for (byte b : page) {
                setBits += Integer.bitCount(b & 0xff);
            }
        }
        // Restored filters do not know their key count; estimate it from the fill (Swamidass & Baldi).
        double m = geometry.bits();
        this.keys = setBits == 0 ? 0 : Math.round(-m / geometry.hashes() * Math.log(1 - setBits / m));
    }

    static BloomSegment empty(Segment segment, BloomGeometry geometry) {
        byte[][] pages = new byte[geometry.pages()][];
        for (int i = 0; i < pages.length; i++) {
            pages[i] = new byte[BloomGeometry.PAGE_BYTES];
        }
        return new BloomSegment(segment, geometry, pages);
    }

    public Segment segment() {
        return segment;
    }

    public BloomGeometry geometry() {
        return geometry;
    }

    byte[] page(int index) {
        return pages[index];
    }

    /** Whether the key may have been added (never false for an added key). */
    public boolean mightContain(KeyHash key) {
        byte[] page = pages[pageOf(key)];
        int a = (int) key.lo();
        int b = (int) (key.lo() >>> 32);
        for (int i = 0; i < geometry.hashes(); i++) {
            int bit = a & (BloomGeometry.PAGE_BITS - 1);
            if ((page[bit >>> 3] & (1 << (bit & 7))) == 0) {
                return false;
            }
            a += b;
            b += i + 1;
        }
        return true;
    }

    /** Adds the key; returns the page index when a bit changed, else -1. */
    public int add(KeyHash key) {
        int index = pageOf(key);
        byte[] page = pages[index];
        int a = (int) key.lo();
        int b = (int) (key.lo() >>> 32);
        boolean changed = false;
        for (int i = 0; i < geometry.hashes(); i++) {
            int bit = a & (BloomGeometry.PAGE_BITS - 1);
            int mask = 1 << (bit & 7);
            if ((page[bit >>> 3] & mask) == 0) {
                page[bit >>> 3] |= (byte) mask;
                setBits++;
                changed = true;
            }
            a += b;
            b += i + 1;
        }
        keys++;
        return changed ? index : -1;
    }

    /** Bytes of the filter's pages, counted from the arrays themselves. */
    public long pageBytes() {
        long bytes = 0;
        for (byte[] page : pages) {
            bytes += page.length;
        }
        return bytes;
    }

    /** Keys added (estimated from the fill after a restore). */
    public long keys() {
        return keys;
    }

    /** The false-positive rate of this filter now, from its fill: {@code fill^k}. */
    public double estimatedRate() {
        return Math.pow((double) setBits / geometry.bits(), geometry.hashes());
    }

    private int pageOf(KeyHash key) {
        return (int) (((key.hi() >>> 32) * geometry.pages()) >>> 32);
    }
}
