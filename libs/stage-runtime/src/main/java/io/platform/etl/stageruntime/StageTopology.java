package io.platform.etl.stageruntime;

import org.apache.kafka.streams.kstream.KStream;

/**
 * The extension point of a stage: exactly one bean per service. The runtime has already consumed the input topic,
 * decoded every record and sent the unreadable ones to the dead-letter topic; the stage gets the valid records and
 * returns what goes to its output topic. It must not write to Kafka by other means (everything in the topology is
 * part of the exactly-once transaction). Stateful stages add their stores through {@link StageContext#builder()}.
 * <p>
 * The stage records its own outcomes with {@link StageContext#metrics()} (e.g. {@code passed}, {@code filtered}).
 */
public interface StageTopology {

    /**
     * Adds the stage's processing.
     *
     * @param input valid records of the input topic, key = original key bytes
     * @return records for the output topic (key and value bytes; headers travel with the record)
     */
    KStream<byte[], byte[]> build(KStream<byte[], InputRecord> input, StageContext context);
}
