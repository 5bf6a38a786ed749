package io.platform.etl.stage.dedupe.keyed;

import java.nio.ByteBuffer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * What travels with a record through the hop topic in one internal header ({@value #HEADER}), removed again
 * before the output: event time, input position, receive time (wall clock, for the latency metric on the other side),
 * whether the record has a dedupe key at all, and the original key (absent = null key).
 *
 * @param time         event time, epoch millis
 * @param position     input {@code partition << 48 | offset}
 * @param receivedAt   wall-clock millis when the stage took the record
 * @param keyed        false for a record missing a key field: it crosses the hop only to reach the output, unjudged
 * @param originalKey  the record's key as consumed, or null
 */
public record Envelope(long time, long position, long receivedAt, boolean keyed, byte[] originalKey) {

    public static final String HEADER = "x-etl-dedupe";
    private static final int HAS_KEY = 1;
    private static final int UNKEYED = 2;

    public static long position(int partition, long offset) {
        return ((long) partition << 48) | offset;
    }

    public int partition() {
        return (int) (position >>> 48);
    }

    public long offset() {
        return position & ((1L << 48) - 1);
    }

    /**
     * The record's headers, an envelope it came with dropped, and this envelope added: the hop record's headers, in
     * one pass (a copy, then a removal walk, were two more per record).
     */
    public RecordHeaders addedTo(Headers headers) {
        int keyLength = originalKey == null ? 0 : originalKey.length;
        int flags = (originalKey == null ? 0 : HAS_KEY) | (keyed ? 0 : UNKEYED);
        ByteBuffer buffer = ByteBuffer.allocate(25 + keyLength).putLong(time).putLong(position).putLong(receivedAt)
                .put((byte) flags);
        if (originalKey != null) {
            buffer.put(originalKey);
        }
        RecordHeaders out = new RecordHeaders();
        for (Header h : headers) {
            if (!HEADER.equals(h.key())) {
                out.add(h);
            }
        }
        out.add(HEADER, buffer.array());
        return out;
    }

    /** Reads the (last) envelope of a hop record's headers; the other headers, in order, go to {@code rest}. */
    public static Envelope takeFrom(Headers headers, Headers rest) {
        Header header = null;
        for (Header h : headers) {
            if (HEADER.equals(h.key())) {
                header = h;
            } else {
                rest.add(h);
            }
        }
        if (header == null) {
            throw new IllegalStateException("hop record without " + HEADER + " header");
        }
        ByteBuffer buffer = ByteBuffer.wrap(header.value());
        long time = buffer.getLong();
        long position = buffer.getLong();
        long receivedAt = buffer.getLong();
        int flags = buffer.get();
        byte[] key = null;
        if ((flags & HAS_KEY) != 0) {
            key = new byte[buffer.remaining()];
            buffer.get(key);
        }
        return new Envelope(time, position, receivedAt, (flags & UNKEYED) == 0, key);
    }
}
