package io.platform.etl.stage.aggregate.accumulate;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;

/** {@code sum(field)}: exact decimal sum; records without a numeric value add 0. */
final class SumAccumulator implements Accumulator {

    private BigDecimal sum;

    SumAccumulator() {
        this(BigDecimal.ZERO);
    }

    private SumAccumulator(BigDecimal sum) {
        this.sum = sum;
    }

    static SumAccumulator read(DataInput in) throws IOException {
        return new SumAccumulator(Numbers.readDecimal(in));
    }

    @Override
    public void add(BigDecimal value, long eventTime) {
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
