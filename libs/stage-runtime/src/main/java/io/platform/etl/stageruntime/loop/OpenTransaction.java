package io.platform.etl.stageruntime.loop;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The batches sent in the producer's open transaction since it began (ADR 0338): what its commit counts and its
 * abort rewinds, and which of its records the broker refused as too large.
 */
final class OpenTransaction {

    private final long beganNanos;
    /** Guarded by itself; written by the producer's I/O thread. */
    private final Set<Throwable> refusals = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Refusal> tooLarge = new ArrayList<>();
    private final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    private final Map<TopicPartition, Long> rewind = new HashMap<>();
    private final List<Batch.Outcome> outcomes = new ArrayList<>();

    OpenTransaction(long beganNanos) {
        this.beganNanos = beganNanos;
    }

    long beganNanos() {
        return beganNanos;
    }

    /**
     * The send of {@code output} failed as too large. Only the first record to fail with a given exception
     * is the one refused: once a batch failed, the producer fails every batch not yet sent with that same exception
     * (its abortable error), and those records were never judged by the broker.
     */
    void refused(Refusal refusal, Throwable error) {
        synchronized (refusals) {
            if (refusals.add(error)) {
                tooLarge.add(refusal);
            }
        }
    }

    /** The records refused as too large (complete once the transaction was aborted). */
    List<Refusal> tooLarge() {
        synchronized (refusals) {
            return List.copyOf(tooLarge);
        }
    }

    /**
     * The input of a record the broker refused as too large. A send's callback keeps only these, not the record: the
     * record and its bytes are garbage once sent rather than carried past a young collection.
     *
     * @param input null for a record made by time passing (no input)
     */
    record Refusal(TopicPartition input, long inputOffset, int inputIndex) {
    }

    /** A batch whose records were all sent: its offsets, first offsets and outcomes join the transaction's. */
    void added(Batch batch) {
        offsets.putAll(batch.offsets());
        batch.rewind().forEach(rewind::putIfAbsent);
        outcomes.addAll(batch.outcomes());
    }

    /**
     * This transaction's offsets, first offsets and outcomes as one batch, without its records: they are not kept
     * for the commit interval, which would carry them past young collections. {@code also} (a batch not sent) only
     * adds where to rewind to.
     */
    Batch asBatch(Map<TopicPartition, Long> also) {
        Map<TopicPartition, Long> from = new HashMap<>(rewind);
        also.forEach(from::putIfAbsent);
        return new Batch(List.of(), offsets, from, outcomes);
    }
}
