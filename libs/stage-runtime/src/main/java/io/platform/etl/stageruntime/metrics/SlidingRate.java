package io.platform.etl.stageruntime.metrics;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Event counts over a sliding window of one-second buckets (default 60), cheap enough to call per record.
 * Buckets are tagged with their second so a stale bucket is reset on first use; small races between threads only
 * blur the count of one bucket.
 */
final class SlidingRate {

    private final int seconds;
    private final AtomicLongArray counts;
    private final AtomicLongArray stamps;
    private final LongSupplier clockSeconds;

    SlidingRate(int seconds, LongSupplier clockSeconds) {
        this.seconds = seconds;
        this.counts = new AtomicLongArray(seconds);
        this.stamps = new AtomicLongArray(seconds);
        this.clockSeconds = clockSeconds;
    }

    void increment() {
        add(1);
    }

    void add(long n) {
        long now = clockSeconds.getAsLong();
        int slot = (int) Math.floorMod(now, (long) seconds);
        long stamp = stamps.get(slot);
        if (stamp != now && stamps.compareAndSet(slot, stamp, now)) {
            counts.set(slot, 0);
        }
        counts.addAndGet(slot, n);
    }

    /** Sum over the last {@code seconds} seconds, this one included. */
    long sum() {
        long now = clockSeconds.getAsLong();
        long total = 0;
        for (int i = 0; i < seconds; i++) {
            if (now - stamps.get(i) < seconds) {
                total += counts.get(i);
            }
        }
        return total;
    }
}
