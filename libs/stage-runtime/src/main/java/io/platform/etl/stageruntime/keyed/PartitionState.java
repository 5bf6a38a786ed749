package io.platform.etl.stageruntime.keyed;

import io.platform.etl.model.event.Event;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The state of one hop partition, owned by the deciding loop's thread (ADR 0340). The runtime calls
 * {@link #restore} with every change the partition's changelog holds (oldest first), then {@link #process} with each
 * hop record in offset order and {@link #tick} once per loop iteration. It drops the instance when the partition is
 * revoked or lost, or when a transaction it wrote to aborted (a new one is restored from the committed changelog).
 * Every change to what a restart must know goes through {@link Emitter#change}.
 */
public interface PartitionState {

    /** One changelog entry, as written by {@link Emitter#change} (a null value: the key was deleted). */
    void restore(byte[] key, byte[] value);

    /**
     * Decides one hop record.
     *
     * @param event     the decoded value; null when the stage does not decode after the hop
     * @param watermark the partition's pipeline watermark as of the batch's start ({@link Long#MIN_VALUE} while
     *                  unknown): never ahead of a record of the batch
     */
    void process(ConsumerRecord<byte[], byte[]> record, Event event, long watermark, Emitter out);

    /**
     * Once per loop iteration, before the open transaction may commit: emit what time made due (closed windows,
     * purges). Outputs go into the open transaction.
     *
     * @param idle true when every upstream source of the partition is idle
     */
    default void tick(long watermark, boolean idle, long nowMillis, Emitter out) {
    }

    /**
     * Right before the deciding loop's open transaction commits: write what was folded since the last commit (e.g. a
     * page of state changed by many records, once) with {@link Emitter#change} or {@link Emitter#output}; it commits
     * with the records that caused it. Not for outcomes or dead letters: no record is current.
     */
    default void beforeCommit(Emitter out) {
    }

    /** Metrics and resources of this partition; called when the runtime drops it. */
    default void close() {
    }
}
