package io.platform.etl.stage.aggregate.window;

import java.time.Duration;

/**
 * Tumbling event-time windows aligned to the epoch: a window {@code [start, start + size)} holds every record whose
 * event time falls in it; it closes once the watermark reaches {@code start + size + allowedLateness}.
 *
 * @param sizeMillis      window length, &gt; 0
 * @param latenessMillis  allowed lateness, &ge; 0
 */
public record TumblingWindows(long sizeMillis, long latenessMillis) {

    public TumblingWindows {
        if (sizeMillis <= 0) {
            throw new IllegalArgumentException("window duration must be positive, was " + sizeMillis + " ms");
        }
        if (latenessMillis < 0) {
            throw new IllegalArgumentException("allowed lateness must not be negative, was " + latenessMillis + " ms");
        }
    }

    public static TumblingWindows of(Duration size, Duration lateness) {
        return new TumblingWindows(size.toMillis(), lateness.toMillis());
    }

    /** Start of the window holding this event time (floor, so negative times work too). */
    public long startOf(long eventTime) {
        return Math.floorDiv(eventTime, sizeMillis) * sizeMillis;
    }

    /** Exclusive end of the window starting at {@code start}. */
    public long endOf(long start) {
        return start + sizeMillis;
    }

    /** The watermark at which the window starting at {@code start} closes. */
    public long closesAt(long start) {
        return start + sizeMillis + latenessMillis;
    }

    /** True when the window starting at {@code start} is closed at watermark {@code watermark}. */
    public boolean isClosed(long start, long watermark) {
        return closesAt(start) <= watermark;
    }

    /**
     * Start of the newest window closed at {@code watermark}; {@link Long#MIN_VALUE} when none can be (unknown
     * watermark).
     */
    public long lastClosedStart(long watermark) {
        if (watermark < Long.MIN_VALUE + sizeMillis + latenessMillis) {
            return Long.MIN_VALUE;
        }
        return startOf(watermark - sizeMillis - latenessMillis);
    }
}
