package io.platform.etl.stage.dedupe.state;

/**
 * The rule values that shape new state.
 *
 * @param window            dedupe window, millis
 * @param expectedKeys      distinct keys expected per window (Bloom capacity)
 * @param falsePositiveRate target Bloom false-positive rate of a lookup
 */
public record Sizing(long window, long expectedKeys, double falsePositiveRate) {
}
