package io.platform.etl.stage.dedupe.key;

import java.nio.ByteBuffer;

/**
 * The 128-bit MurmurHash3 of a record's key-field values: what the state keeps instead of the key itself. With
 * 2^128 values, two distinct keys among the ~10^7 a window holds collide with probability ~10^-25.
 *
 * @param hi first 64 bits
 * @param lo last 64 bits
 */
public record KeyHash(long hi, long lo) {

    public static final int BYTES = 16;

    public byte[] toBytes() {
        return ByteBuffer.allocate(BYTES).putLong(hi).putLong(lo).array();
    }

    /** Reads 16 bytes (the repartition key). */
    public static KeyHash fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length != BYTES) {
            throw new IllegalArgumentException("a key hash has 16 bytes, got " + (bytes == null ? 0 : bytes.length));
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new KeyHash(buffer.getLong(), buffer.getLong());
    }
}
