package io.platform.etl.stage.aggregate.accumulate;

import com.fasterxml.jackson.core.JsonGenerator;
import java.math.BigDecimal;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;

/** {@code min(timestamp)} / {@code max(timestamp)}: over event times, written as ISO-8601 instants. */
final class TimeExtremeAccumulator implements Accumulator {

    private final boolean max;
    private boolean seen;
    private long value;

    TimeExtremeAccumulator(boolean max) {
        this.max = max;
    }

    static TimeExtremeAccumulator read(boolean max, DataInput in) throws IOException {
        TimeExtremeAccumulator accumulator = new TimeExtremeAccumulator(max);
        accumulator.seen = in.readBoolean();
        accumulator.value = in.readLong();
        return accumulator;
    }

    @Override
    public void add(BigDecimal ignored, long time) {
        if (!seen || (max ? time > value : time < value)) {
            value = time;
            seen = true;
        }
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeBoolean(seen);
        out.writeLong(value);
    }

    @Override
    public void writeResult(JsonGenerator out) throws IOException {
        if (seen) {
            out.writeString(Instant.ofEpochMilli(value).toString());
        } else {
            out.writeNull();
        }
    }
}
