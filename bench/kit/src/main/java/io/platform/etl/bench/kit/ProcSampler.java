package io.platform.etl.bench.kit;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples a child process every 100 ms until it exits: its peak resident set and its CPU time so far (the last
 * sample before exit, as /proc no longer answers after it).
 */
public final class ProcSampler {

    private final AtomicLong peakHwmKb = new AtomicLong();
    private final AtomicLong cpuMillis = new AtomicLong();
    private final Thread thread;

    private ProcSampler(Process process) {
        this.thread = Thread.ofPlatform().daemon().start(() -> {
            while (process.isAlive()) {
                try {
                    cpuMillis.set(Math.round(ProcStats.cpuSeconds(process.pid()) * 1000));
                    peakHwmKb.accumulateAndGet(ProcStats.hwmKb(process.pid()), Math::max);
                    Thread.sleep(100);
                } catch (Exception e) {
                    return; // process gone
                }
            }
        });
    }

    public static ProcSampler start(Process process) {
        return new ProcSampler(process);
    }

    /** Waits for the sampling to end (the process has exited). */
    public void join() throws InterruptedException {
        thread.join();
    }

    public long peakHwmKb() {
        return peakHwmKb.get();
    }

    public double cpuSeconds() {
        return cpuMillis.get() / 1000.0;
    }
}
