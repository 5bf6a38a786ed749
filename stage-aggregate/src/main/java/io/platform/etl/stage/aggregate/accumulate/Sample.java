package io.platform.etl.stage.aggregate.accumulate;

import java.math.BigDecimal;

/**
 * What one record contributes to its (window, group) (ADR 0707): its event time and, per measure of the
 * {@link AggregationPlan}, the numeric value of the measure's field (null when absent or not a number, and for the
 * measures that read no field). Taken from the event before the hop and carried in a header, so the deciding side
 * folds records without decoding their JSON again.
 */
public record Sample(long eventTime, BigDecimal[] values) {
}
