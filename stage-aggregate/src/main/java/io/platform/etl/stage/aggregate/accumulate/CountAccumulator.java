package io.platform.etl.stage.aggregate.accumulate;

import com.fasterxml.jackson.core.JsonGenerator;
import java.math.BigDecimal;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** {@code count}: records folded into the window. */
final class CountAccumulator implements Accumulator {

    private long count;

    CountAccumulator() {
    }

    static CountAccumulator read(DataInput in) throws IOException {
        CountAccumulator accumulator = new CountAccumulator();
        accumulator.count = in.readLong();
        return accumulator;
    }

    @Override
    public void add(BigDecimal ignored, long eventTime) {
        count++;
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeLong(count);
    }

    @Override
    public void writeResult(JsonGenerator out) throws IOException {
        out.writeNumber(count);
    }
}
