package io.platform.etl.stage.aggregate.accumulate;

import com.fasterxml.jackson.core.JsonGenerator;
import java.math.BigDecimal;
import java.io.DataOutput;
import java.io.IOException;

/** The running value of one aggregation in one (window, group); mutable, confined to one stream task. */
public interface Accumulator {

    /**
     * Folds one record in.
     *
     * @param value     the numeric value of the measure's field in the record ({@link Sample}); null when absent, not
     *                  a number, or the measure reads no field
     * @param eventTime the record's event time, epoch millis
     */
    void add(BigDecimal value, long eventTime);

    /** Writes the state (read back by {@link Measure#read}). */
    void write(DataOutput out) throws IOException;

    /** Writes the aggregate as the value of its field in the result JSON. */
    void writeResult(JsonGenerator out) throws IOException;
}
