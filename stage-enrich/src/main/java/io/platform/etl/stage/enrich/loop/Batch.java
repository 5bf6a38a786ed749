package io.platform.etl.stage.enrich.loop;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What one polled batch becomes, written in one transaction.
 *
 * @param records   outputs and dead letters, outputs in input order per partition
 * @param offsets   next offset per input partition (committed with the records)
 * @param rewind    first offset per input partition: where to seek back to when the transaction fails
 * @param outcomes  per record, recorded as metrics once the transaction committed
 */
record Batch(List<ProducerRecord<byte[], byte[]>> records, Map<TopicPartition, OffsetAndMetadata> offsets,
             Map<TopicPartition, Long> rewind, List<Outcome> outcomes) {

    /** One record's outcome: {@code enriched}, {@code passed} or {@code dlq} (with the reason). */
    record Outcome(String status, String reason, long receivedNanos) {
    }
}
