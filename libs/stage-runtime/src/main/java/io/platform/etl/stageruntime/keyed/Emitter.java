package io.platform.etl.stageruntime.keyed;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Where a {@link PartitionState} writes, all in the deciding loop's open transaction (ADR 0340). Outcomes count
 * once that transaction committed; within {@link PartitionState#tick} there is no current record to count for.
 */
public interface Emitter {

    /** A record to the stage's output topic (the key chooses the partition). */
    void output(byte[] key, byte[] value, Headers headers);

    /**
     * A record to the stage's output topic with this record timestamp (e.g. the end of the window it reports on),
     * where {@link #output(byte[], byte[], Headers)} leaves it to the producer. Emitters that keep no timestamps
     * may ignore it.
     */
    default void output(byte[] key, byte[] value, Headers headers, long timestamp) {
        output(key, value, headers);
    }

    /** A record to another topic (e.g. the late-data topic). */
    void send(String topic, byte[] key, byte[] value, Headers headers);

    /**
     * The current record to the dead-letter topic with the runtime's headers, counted as dead-lettered with
     * {@code reason}; {@code source*} say where it was read before the hop, {@code key} and {@code headers} are what
     * it carried there.
     */
    void deadLetter(ConsumerRecord<byte[], byte[]> record, byte[] key, Headers headers, String reason, String message,
                    String sourceTopic, int sourcePartition, long sourceOffset, long receivedNanos);

    /** Counts the current record under {@code status} (throughput and processing latency since it was received). */
    void outcome(String status, long receivedNanos);

    /** A change of this partition's state: written to its changelog partition; a null value deletes the key. */
    void change(byte[] key, byte[] value);
}
