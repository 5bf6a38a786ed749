package io.platform.etl.stage.aggregate.accumulate;

import io.platform.etl.model.event.Event;
import io.platform.etl.model.event.FieldPath;
import io.platform.etl.model.spec.StageConfig;
import java.io.DataInput;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * One compiled {@code aggregations[]} entry: the alias it is written under and how to create or read back its
 * {@link Accumulator}.
 * <ul>
 *   <li>{@code sum(field)}: sum of the numeric values (JSON numbers or numeric strings); absent / null / non-numeric
 *       add nothing, so a window without amounts sums to 0</li>
 *   <li>{@code count}: the number of records (the field is not read: the spec counts {@code event_count}, a field no
 *       event carries)</li>
 *   <li>{@code min(field)} / {@code max(field)}: numerically over the numeric values, null when there were none; on
 *       the event-time field {@code timestamp} over event times, written as ISO-8601</li>
 *   <li>{@code avg(field)}: mean of the numeric values (34 significant digits), null when there were none</li>
 * </ul>
 */
public record Measure(String alias, Kind kind, FieldPath field) {

    /** What a measure computes; min/max split by value domain. */
    public enum Kind { SUM, COUNT, MIN, MAX, MIN_TIME, MAX_TIME, AVG }

    public static Measure compile(StageConfig.Aggregation aggregation) {
        boolean time = aggregation.field().equals(Event.TIMESTAMP);
        Kind kind = switch (aggregation.function()) {
            case SUM -> Kind.SUM;
            case COUNT -> Kind.COUNT;
            case MIN -> time ? Kind.MIN_TIME : Kind.MIN;
            case MAX -> time ? Kind.MAX_TIME : Kind.MAX;
            case AVG -> Kind.AVG;
        };
        return new Measure(aggregation.alias(), kind, FieldPath.of(aggregation.field()));
    }

    public Accumulator create() {
        return switch (kind) {
            case SUM -> new SumAccumulator();
            case COUNT -> new CountAccumulator();
            case MIN -> new ExtremeAccumulator(false);
            case MAX -> new ExtremeAccumulator(true);
            case MIN_TIME -> new TimeExtremeAccumulator(false);
            case MAX_TIME -> new TimeExtremeAccumulator(true);
            case AVG -> new AvgAccumulator();
        };
    }

    /** The numeric value of the measure's field in the event; null when absent or not a number, or none is read. */
    public BigDecimal value(Event event) {
        return switch (kind) {
            case SUM, MIN, MAX, AVG -> Numbers.read(event.field(field));
            case COUNT, MIN_TIME, MAX_TIME -> null;
        };
    }

    public Accumulator read(DataInput in) throws IOException {
        return switch (kind) {
            case SUM -> SumAccumulator.read(in);
            case COUNT -> CountAccumulator.read(in);
            case MIN -> ExtremeAccumulator.read(false, in);
            case MAX -> ExtremeAccumulator.read(true, in);
            case MIN_TIME -> TimeExtremeAccumulator.read(false, in);
            case MAX_TIME -> TimeExtremeAccumulator.read(true, in);
            case AVG -> AvgAccumulator.read(in);
        };
    }
}
