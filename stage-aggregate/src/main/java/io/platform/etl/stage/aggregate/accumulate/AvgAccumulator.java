package io.platform.etl.stage.aggregate.accumulate;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;

/** {@code avg(field)}: exact sum and count of the numeric values, divided when the result is written. */
final class AvgAccumulator implements Accumulator {

    private BigDecimal sum = BigDecimal.ZERO;
    private long count;

    AvgAccumulator() {
    }

    static AvgAccumulator read(DataInput in) throws IOException {
        AvgAccumulator accumulator = new AvgAccumulator();
        accumulator.sum = Numbers.readDecimal(in);
        accumulator.count = in.readLong();
        return accumulator;
    }

    @Override
    public void add(BigDecimal value, long eventTime) {
        if (value != null) {
            sum = sum.add(value);
            count++;
        }
    }

    @Override
    public void write(DataOutput out) throws IOException {
        Numbers.write(out, sum);
        out.writeLong(count);
    }

    @Override
    public void writeResult(JsonGenerator out) throws IOException {
        Numbers.write(out, count == 0 ? null : sum.divide(BigDecimal.valueOf(count), MathContext.DECIMAL128));
    }
}
