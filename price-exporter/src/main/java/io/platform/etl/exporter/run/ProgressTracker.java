package io.platform.etl.exporter.run;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts rows and clients of one run and logs the rate every progress interval. Thread-safe. */
final class ProgressTracker {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressTracker.class);

    private final int clientsTotal;
    private final long intervalNanos;
    private final long startNanos = System.nanoTime();
    private final LongAdder rows = new LongAdder();
    private final AtomicInteger clientsDone = new AtomicInteger();
    private volatile long nextLogNanos;
    private long lastLogNanos = startNanos;
    private long rowsAtLastLog;

    ProgressTracker(int clientsTotal, Duration interval) {
        this.clientsTotal = clientsTotal;
        this.intervalNanos = interval.toNanos();
        this.nextLogNanos = startNanos + intervalNanos;
    }

    void row() {
        rows.increment();
        maybeLog();
    }

    void clientDone() {
        clientsDone.incrementAndGet();
        maybeLog();
    }

    long rows() {
        return rows.sum();
    }

    int clientsDone() {
        return clientsDone.get();
    }

    private void maybeLog() {
        if (System.nanoTime() - nextLogNanos < 0) {
            return;
        }
        synchronized (this) {
            long now = System.nanoTime();
            if (now - nextLogNanos < 0) {
                return; // another thread just logged
            }
            long total = rows.sum();
            double rate = (total - rowsAtLastLog) / ((now - lastLogNanos) / 1e9);
            LOG.info("Progress: {}/{} clients, {} rows, {} rows/s", clientsDone.get(), clientsTotal, total,
                    Math.round(rate));
            lastLogNanos = now;
            rowsAtLastLog = total;
            nextLogNanos = now + intervalNanos;
        }
    }

    /** Average rows per second since the start of the run. */
    long averageRate() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return seconds <= 0 ? 0 : Math.round(rows.sum() / seconds);
    }
}
