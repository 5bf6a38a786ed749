package io.platform.etl.stage.aggregate.accumulate;

import com.fasterxml.jackson.databind.JsonNode;
import io.platform.etl.model.event.Event;
import java.io.DataOutput;
import java.io.IOException;

/** The running value of one aggregation in one (window, group); mutable, confined to one stream task. */
public interface Accumulator {

    /** Folds one record in. */
    void add(Event event);

    /** Writes the state (read back by {@link Measure#read}). */
    void write(DataOutput out) throws IOException;

    /** The aggregate as it goes into the result JSON. */
    JsonNode result();
}
