package io.platform.etl.exporter.run;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts rows and clients of one run and logs the rate every progress interval. Single-threaded. */
final class ProgressTracker {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressTracker.class);

    private final int clientsTotal;
    private final long intervalNanos;
    private final long startNanos = System.nanoTime();
    private long lastLogNanos = startNanos;
    private long rowsAtLastLog;
    private long rows;
    private int clientsDone;

    ProgressTracker(int clientsTotal, Duration interval) {
        this.clientsTotal = clientsTotal;
        this.intervalNanos = interval.toNanos();
    }

    void row() {
        rows++;
        if ((rows & 1023) == 0) {
            maybeLog();
        }
    }

    void clientDone() {
        clientsDone++;
        maybeLog();
    }

    long rows() {
        return rows;
    }

    int clientsDone() {
        return clientsDone;
    }

    private void maybeLog() {
        long now = System.nanoTime();
        if (now - lastLogNanos < intervalNanos) {
            return;
        }
        double rate = (rows - rowsAtLastLog) / ((now - lastLogNanos) / 1e9);
        LOG.info("Progress: {}/{} clients, {} rows, {} rows/s", clientsDone, clientsTotal, rows, Math.round(rate));
        lastLogNanos = now;
        rowsAtLastLog = rows;
    }

    /** Average rows per second since the start of the run. */
    long averageRate() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return seconds <= 0 ? 0 : Math.round(rows / seconds);
    }
}
