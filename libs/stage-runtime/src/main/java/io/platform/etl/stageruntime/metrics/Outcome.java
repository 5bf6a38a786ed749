package io.platform.etl.stageruntime.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * One outcome of a stage ({@code passed}, {@code filtered}, ...) as a handle a processor keeps, so the per-record
 * path is a counter increment with no look-up: every record counts into {@code throughput}; the first and then
 * every {@link StageMetrics#LATENCY_SAMPLE}-th record of the handle also into the {@code processing_latency} histogram
 * (ADR 0333). Create one per processor instance: the sampling counter is not shared between stream threads.
 */
public final class Outcome {

    private final Counter throughput;
    private final Timer latency;
    private int calls;
    private int pending;

    Outcome(Counter throughput, Timer latency) {
        this.throughput = throughput;
        this.latency = latency;
    }

    /** Counts one record with this outcome; {@code receivedNanos} is {@link io.platform.etl.stageruntime.InputRecord#receivedNanos()}. */
    public void record(long receivedNanos) {
        throughput.increment();
        sampleLatency(receivedNanos);
    }

    /**
     * Counts one record of a batch: into the counter at {@link #flush}, once per batch, rather than an increment of
     * every registry's counter per record.
     */
    public void add(long receivedNanos) {
        pending++;
        sampleLatency(receivedNanos);
    }

    /** Counts what {@link #add} gathered. */
    public void flush() {
        if (pending > 0) {
            throughput.increment(pending);
            pending = 0;
        }
    }

    private void sampleLatency(long receivedNanos) {
        if ((calls++ & (StageMetrics.LATENCY_SAMPLE - 1)) == 0) {
            latency.record(System.nanoTime() - receivedNanos, TimeUnit.NANOSECONDS);
        }
    }
}
