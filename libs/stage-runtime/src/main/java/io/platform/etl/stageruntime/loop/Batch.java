package io.platform.etl.stageruntime.loop;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What one polled batch becomes, written in one transaction.
 *
 * @param records   outputs and dead letters, outputs in input order per partition, each with the input it came from
 * @param offsets   next offset per input partition (committed with the records)
 * @param rewind    first offset per input partition: where to seek back to when the transaction fails
 * @param outcomes  per record, recorded as metrics once the transaction committed
 */
record Batch(List<Output> records, Map<TopicPartition, OffsetAndMetadata> offsets,
             Map<TopicPartition, Long> rewind, List<Outcome> outcomes) {

    /**
     * One record to write and the input record it was made from.
     *
     * @param inputIndex the input's place in the hop bundle it was read from (ADR 0342); 0 for any other input
     */
    record Output(ProducerRecord<byte[], byte[]> record, TopicPartition input, long inputOffset, int inputIndex) {

        Output(ProducerRecord<byte[], byte[]> record, TopicPartition input, long inputOffset) {
            this(record, input, inputOffset, 0);
        }
    }

    /**
     * One record's outcome: the stage's status ({@code passed}, ...), or {@code dlq} with the reason.
     *
     * @param reason the dead-letter reason; null for any other outcome
     */
    record Outcome(String status, String reason, long receivedNanos) {
    }
}
