package io.platform.etl.stage.dedupe.state;

/**
 * The rule values that shape new state.
 *
 * @param window            dedupe window, millis
 * @param expectedKeys      distinct keys expected per window in the state this sizing is for (Bloom capacity)
 * @param falsePositiveRate target Bloom false-positive rate of a lookup
 */
public record Sizing(long window, long expectedKeys, double falsePositiveRate) {

    /**
     * The sizing of one of {@code tasks} tasks that share this one's keys: the repartition by a uniform key hash gives
     * each task about {@code expectedKeys / tasks} of them (no headroom for the binomial spread; ADR 0608).
     */
    public Sizing perTask(int tasks) {
        if (tasks <= 1) {
            return this;
        }
        return new Sizing(window, Math.max(1, (expectedKeys + tasks - 1) / tasks), falsePositiveRate);
    }
}
