package io.platform.etl.stage.dedupe.state;

import java.nio.ByteBuffer;

/**
 * Size of one page-blocked Bloom filter: {@code pages} pages of {@value #PAGE_BITS} bits and {@code hashes} bit
 * positions per key, all inside the one page the key's hash selects. Keeping a key's bits in one page means one
 * dirty page per insert (one store write, cached until commit); with ~2000 keys per page the per-page load varies by
 * about 2 %, which costs far less false-positive rate than cache-line blocking.
 *
 * @param pages    number of pages
 * @param hashes   bits set per key
 * @param capacity keys the filter was sized for
 */
public record BloomGeometry(int pages, int hashes, long capacity) {

    public static final int PAGE_BITS = 32768;
    public static final int PAGE_BYTES = PAGE_BITS / 8;
    static final int BYTES = 16;

    /** The optimal filter for {@code capacity} keys at false-positive rate {@code rate}. */
    public static BloomGeometry of(long capacity, double rate) {
        long n = Math.max(1, capacity);
        double bits = -n * Math.log(rate) / (Math.log(2) * Math.log(2));
        int pages = (int) Math.max(1, Math.ceil(bits / PAGE_BITS));
        int hashes = (int) Math.max(1, Math.round((double) pages * PAGE_BITS / n * Math.log(2)));
        return new BloomGeometry(pages, hashes, n);
    }

    public long bits() {
        return (long) pages * PAGE_BITS;
    }

    /** Expected false-positive rate once {@code keys} keys are in: {@code (1 - e^(-k n / m))^k}. */
    public double expectedRate(long keys) {
        return Math.pow(1 - Math.exp(-(double) hashes * keys / bits()), hashes);
    }

    byte[] toBytes(long width) {
        return ByteBuffer.allocate(BYTES + 8).putLong(width).putInt(pages).putInt(hashes).putLong(capacity).array();
    }

    static BloomGeometry fromBytes(ByteBuffer buffer) {
        return new BloomGeometry(buffer.getInt(), buffer.getInt(), buffer.getLong());
    }
}
