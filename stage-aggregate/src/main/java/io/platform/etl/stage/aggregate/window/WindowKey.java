package io.platform.etl.stage.aggregate.window;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.utils.Bytes;

/**
 * Store key of one (window, group): the window start as 8 bytes that sort like the signed long (big-endian with
 * the sign bit flipped), then the group key bytes. Byte order = window order, so closing is a range scan.
 */
public final class WindowKey {

    private static final int START_BYTES = Long.BYTES;

    private WindowKey() {
    }

    public static Bytes of(long windowStart, byte[] groupKey) {
        ByteBuffer buffer = ByteBuffer.allocate(START_BYTES + groupKey.length);
        buffer.putLong(windowStart ^ Long.MIN_VALUE).put(groupKey);
        return Bytes.wrap(buffer.array());
    }

    /** The smallest key of any group in the window starting at {@code windowStart}. */
    public static Bytes lowest(long windowStart) {
        return of(windowStart, new byte[0]);
    }

    public static long windowStart(Bytes key) {
        return ByteBuffer.wrap(key.get()).getLong() ^ Long.MIN_VALUE;
    }

    public static byte[] groupKey(Bytes key) {
        byte[] raw = key.get();
        return Arrays.copyOfRange(raw, START_BYTES, raw.length);
    }
}
