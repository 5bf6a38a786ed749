package io.platform.etl.stage.aggregate.accumulate;

import io.platform.etl.model.event.Event;

/**
 * What the stage keeps per (window, group): one accumulator per aggregation, how many results were emitted
 * ({@code version} of the last one) and whether the window's final result went out.
 */
public final class WindowState {

    private final Accumulator[] accumulators;
    private int version;
    private boolean finalEmitted;

    WindowState(Accumulator[] accumulators, int version, boolean finalEmitted) {
        this.accumulators = accumulators;
        this.version = version;
        this.finalEmitted = finalEmitted;
    }

    public void add(Event event) {
        for (Accumulator accumulator : accumulators) {
            accumulator.add(event);
        }
    }

    /** Marks one more result emitted and returns its version (1, 2, …). */
    public int nextVersion(boolean isFinal) {
        version++;
        finalEmitted |= isFinal;
        return version;
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
