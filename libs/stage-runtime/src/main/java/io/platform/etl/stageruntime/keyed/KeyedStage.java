package io.platform.etl.stageruntime.keyed;

import io.platform.etl.model.event.Event;
import io.platform.etl.stageruntime.loop.Verdict;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The extension point of a stage whose records must meet by key (dedupe by key hash, aggregate by group), instead of
 * a {@code LoopStage} (ADR 0340): the runtime runs it as two transactional loops with a hop topic between them.
 * <pre>
 * input ─ keying loop: {@link #key} ─ hop topic {@code <application-id>-<hop>-hop} (watermarks in band) ─
 *        deciding loop: one {@link PartitionState} per hop partition ─┬─ output (and other topics)
 *                                                                     └─ changelog {@code <application-id>-<hop>-state}
 * </pre>
 * Each deciding transaction writes the outputs, the state changes and the hop offsets together. The runtime creates
 * both topics (partitions = the input's), restores a partition's state from its changelog before it reads that
 * partition, and rebuilds it after an aborted transaction. Exactly one bean per service.
 */
public interface KeyedStage {

    /** Names the hop's topics; stable across releases (the changelog holds the state). */
    String hop();

    /**
     * Before the hop, on the keying loop's thread: where a record goes. {@link Verdict#route} sends the input value
     * keyed by its key bytes (the hop partition is chosen from them as Kafka's default partitioner does), with
     * these headers; {@link Verdict#deadLetter} sends it to the dead-letter topic. Nothing else is accepted: every
     * other record crosses the hop, so every output comes from the deciding loop and its watermark marks are the
     * minimum over all input partitions.
     */
    Verdict key(ConsumerRecord<byte[], byte[]> record, Event event);

    /** Whether the deciding loop decodes hop records' values ({@code event} is null in {@link PartitionState#process} otherwise). */
    default boolean decodesAfterHop() {
        return true;
    }

    /** Fresh, empty state for one hop partition this instance was given; then restored, then fed. */
    PartitionState open(int partition);
}
