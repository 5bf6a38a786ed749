package io.platform.etl.stage.aggregate.accumulate;

import com.fasterxml.jackson.core.JsonGenerator;
import io.platform.etl.model.event.Event;
import java.io.DataOutput;
import java.io.IOException;

/** The running value of one aggregation in one (window, group); mutable, confined to one stream task. */
public interface Accumulator {

    /** Folds one record in. */
    void add(Event event);

    /** Writes the state (read back by {@link Measure#read}). */
    void write(DataOutput out) throws IOException;

    /** Writes the aggregate as the value of its field in the result JSON. */
    void writeResult(JsonGenerator out) throws IOException;
}
