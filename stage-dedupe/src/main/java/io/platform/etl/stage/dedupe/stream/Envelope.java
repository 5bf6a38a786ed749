package io.platform.etl.stage.dedupe.stream;

import java.nio.ByteBuffer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * What travels with a record through the repartition topic in one internal header ({@value #HEADER}), removed again
 * before the output: event time, input position, receive time (wall clock, for the latency metric on the other side)
 * and the original key (absent = null key).
 *
 * @param time         event time, epoch millis
 * @param position     input {@code partition << 48 | offset}
 * @param receivedAt   wall-clock millis when the stage took the record
 * @param originalKey  the record's key as consumed, or null
 */
public record Envelope(long time, long position, long receivedAt, byte[] originalKey) {

    public static final String HEADER = "x-etl-dedupe";

    public static long position(int partition, long offset) {
        return ((long) partition << 48) | offset;
    }

    public void writeTo(Headers headers) {
        int keyLength = originalKey == null ? 0 : originalKey.length;
        ByteBuffer buffer = ByteBuffer.allocate(25 + keyLength).putLong(time).putLong(position).putLong(receivedAt)
                .put((byte) (originalKey == null ? 0 : 1));
        if (originalKey != null) {
            buffer.put(originalKey);
        }
        headers.remove(HEADER);
        headers.add(HEADER, buffer.array());
    }

    /** Reads and removes the header. */
    public static Envelope takeFrom(Headers headers) {
        Header header = headers.lastHeader(HEADER);
        if (header == null) {
            throw new IllegalStateException("repartitioned record without " + HEADER + " header");
        }
        headers.remove(HEADER);
        ByteBuffer buffer = ByteBuffer.wrap(header.value());
        long time = buffer.getLong();
        long position = buffer.getLong();
        long receivedAt = buffer.getLong();
        byte[] key = null;
        if (buffer.get() == 1) {
            key = new byte[buffer.remaining()];
            buffer.get(key);
        }
        return new Envelope(time, position, receivedAt, key);
    }
}
