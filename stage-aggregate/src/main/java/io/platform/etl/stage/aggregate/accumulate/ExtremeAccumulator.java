package io.platform.etl.stage.aggregate.accumulate;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;

/** {@code min(field)} / {@code max(field)} over numeric values; null until one was seen. */
final class ExtremeAccumulator implements Accumulator {

    private final boolean max;
    private BigDecimal value;

    ExtremeAccumulator(boolean max) {
        this.max = max;
    }

    static ExtremeAccumulator read(boolean max, DataInput in) throws IOException {
        ExtremeAccumulator accumulator = new ExtremeAccumulator(max);
        accumulator.value = Numbers.readDecimal(in);
        return accumulator;
    }

    @Override
    public void add(BigDecimal candidate, long eventTime) {
        if (candidate != null && (value == null || (max ? candidate.compareTo(value) > 0
                : candidate.compareTo(value) < 0))) {
            value = candidate;
        }
    }

    @Override
    public void write(DataOutput out) throws IOException {
        Numbers.write(out, value);
    }

    @Override
    public void writeResult(JsonGenerator out) throws IOException {
        Numbers.write(out, value);
    }
}
