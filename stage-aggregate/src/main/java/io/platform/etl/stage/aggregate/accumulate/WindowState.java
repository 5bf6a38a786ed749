package io.platform.etl.stage.aggregate.accumulate;

import java.math.BigDecimal;

/**
 * What the stage keeps per (window, group): one accumulator per aggregation, how many results were emitted
 * ({@code version} of the last one), whether the window's final result went out, and whether it changed since the
 * last result (so the set of results still to emit can be rebuilt from the store after a restart).
 */
public final class WindowState {

    private final Accumulator[] accumulators;
    private int version;
    private boolean finalEmitted;
    private boolean changed;

    WindowState(Accumulator[] accumulators, int version, boolean finalEmitted, boolean changed) {
        this.accumulators = accumulators;
        this.version = version;
        this.finalEmitted = finalEmitted;
        this.changed = changed;
    }

    public void add(Sample sample) {
        BigDecimal[] values = sample.values();
        for (int i = 0; i < accumulators.length; i++) {
            accumulators[i].add(values[i], sample.eventTime());
        }
    }

    /** Marks the state as holding a result not emitted yet. */
    public void markChanged() {
        changed = true;
    }

    /** Marks one more result emitted and returns its version (1, 2, …). */
    public int nextVersion(boolean isFinal) {
        version++;
        finalEmitted |= isFinal;
        changed = false;
        return version;
    }

    public boolean changed() {
        return changed;
    }

    public int version() {
        return version;
    }

    public boolean finalEmitted() {
        return finalEmitted;
    }

    Accumulator[] accumulators() {
        return accumulators;
    }
}
