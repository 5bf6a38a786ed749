package io.platform.etl.platform.watch;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The recent readings of one stage, so rates are measured over a few seconds (smoother than one refresh apart,
 * as downstream stages see records in bursts, one per upstream transaction commit).
 */
public final class ReadingHistory {

    private final long windowNanos;
    private final Deque<StageReading> readings = new ArrayDeque<>();

    public ReadingHistory(Duration window) {
        this.windowNanos = window.toNanos();
    }

    /** Adds {@code newest} and returns the oldest reading still inside the window before it (null if none). */
    public StageReading add(StageReading newest) {
        while (!readings.isEmpty() && newest.atNanos() - readings.peekFirst().atNanos() > windowNanos) {
            readings.pollFirst();
        }
        StageReading oldest = readings.peekFirst();
        readings.addLast(newest);
        return oldest;
    }

    /** A stage that could not be read starts afresh when it is back (its counters restarted anyway). */
    public void clear() {
        readings.clear();
    }
}
