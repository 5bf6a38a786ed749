package io.platform.etl.stage.aggregate.late;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Headers of a record on the late-data topic (added to the record's own headers; key and value are the original).
 * Times are ISO-8601, durations milliseconds, all UTF-8 text.
 */
public final class LateHeaders {

    public static final String STAGE = "x-late-stage";
    /** {@code window_closed}, or {@code retention_expired} in {@code process} mode past the retention. */
    public static final String REASON = "x-late-reason";
    public static final String WINDOW_START = "x-late-window-start";
    public static final String WINDOW_END = "x-late-window-end";
    /** The watermark the window was closed by when the record arrived. */
    public static final String WATERMARK = "x-late-watermark";
    /** Watermark minus the record's event time. */
    public static final String LATE_BY_MS = "x-late-by-ms";

    public static final String WINDOW_CLOSED = "window_closed";
    public static final String RETENTION_EXPIRED = "retention_expired";

    private LateHeaders() {
    }

    public static Headers of(Headers original, String stage, String reason, long windowStart, long windowEnd,
                             long watermark, long eventTime) {
        RecordHeaders headers = new RecordHeaders(original == null ? new RecordHeaders().toArray() : original.toArray());
        put(headers, STAGE, stage);
        put(headers, REASON, reason);
        put(headers, WINDOW_START, Instant.ofEpochMilli(windowStart).toString());
        put(headers, WINDOW_END, Instant.ofEpochMilli(windowEnd).toString());
        put(headers, WATERMARK, Instant.ofEpochMilli(watermark).toString());
        put(headers, LATE_BY_MS, Long.toString(watermark - eventTime));
        return headers;
    }

    private static void put(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
