package io.platform.etl.stage.aggregate.accumulate;

import com.fasterxml.jackson.core.JsonGenerator;
import io.platform.etl.model.event.Event;
import io.platform.etl.model.event.FieldPath;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;

/** {@code sum(field)}: exact decimal sum; records without a numeric value add 0. */
final class SumAccumulator implements Accumulator {

    private final FieldPath field;
    private BigDecimal sum;

    SumAccumulator(FieldPath field) {
        this(field, BigDecimal.ZERO);
    }

    private SumAccumulator(FieldPath field, BigDecimal sum) {
        this.field = field;
        this.sum = sum;
    }

    static SumAccumulator read(FieldPath field, DataInput in) throws IOException {
        return new SumAccumulator(field, Numbers.readDecimal(in));
    }

    @Override
    public void add(Event event) {
        BigDecimal value = Numbers.read(event.field(field));
        if (value != null) {
            sum = sum.add(value);
        }
    }

    @Override
    public void write(DataOutput out) throws IOException {
        Numbers.write(out, sum);
    }

    @Override
    public void writeResult(JsonGenerator out) throws IOException {
        Numbers.write(out, sum);
    }
}
