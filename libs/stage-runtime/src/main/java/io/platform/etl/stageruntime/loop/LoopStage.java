package io.platform.etl.stageruntime.loop;

import io.platform.etl.model.event.Event;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The extension point of a stage on the transactional loop (ADR 0337): exactly one bean per service, instead of a
 * {@code StageTopology}. The runtime polls a batch, sends unreadable records to the dead-letter topic, keeps the
 * watermark control records to itself, and hands the stage the readable ones in two steps: {@link #start} begins
 * the batch's work (e.g. asynchronous look-ups) while the runtime writes the batch before it, and
 * {@link Pending#finish} returns one {@link Verdict} per record. The runtime writes the verdicts, the dead letters,
 * the watermark marks and the input offsets in one transaction, and records the outcomes once it committed.
 * <p>
 * Called from the loop's thread(s) only: with {@code stage.threads} above 1, each thread calls its own batches.
 */
public interface LoopStage {

    /**
     * Starts the work on one batch's readable records; should not wait for slow work (return it in the handle).
     *
     * @param records the input records, in partition order (key, original value bytes, headers)
     * @param events  {@code events.get(i)} is {@code records.get(i)} decoded
     */
    Pending start(List<ConsumerRecord<byte[], byte[]>> records, List<Event> events);

    /**
     * The loop was given these input partitions (inside a poll, before any of their records is handed over). Stages
     * with state per partition restore it (ADR 0340).
     */
    default void assigned(Collection<Integer> partitions) {
    }

    /** These input partitions were revoked or lost, after the open transaction was committed or aborted. */
    default void dropped(Collection<Integer> partitions) {
    }

    /**
     * The open transaction was aborted: every record handed over since the last commit will be handed over again,
     * so state built from them must be rebuilt from what was committed.
     */
    default void aborted() {
    }

    /**
     * Once per loop iteration, before the open transaction may commit: records time made due (none by default).
     * They are written in the open transaction.
     */
    default List<ProducerRecord<byte[], byte[]>> tick(long nowNanos) {
        return List.of();
    }

    /**
     * Right before the open transaction commits: records that must be in it, such as state changes the stage folded
     * since the last commit instead of writing one per record (ADR 0340; none by default). Called only when a
     * transaction with input in it commits, also before a revocation or a stop.
     */
    default List<ProducerRecord<byte[], byte[]>> beforeCommit() {
        return List.of();
    }

    /**
     * The loop thread that calls this stage ended (stopped or failed): release what the stage holds for that thread
     * (e.g. a keyed stage's restore consumer). Called on that thread, once, after its last batch.
     */
    default void stopped() {
    }

    /** A batch's started work. */
    @FunctionalInterface
    interface Pending {

        /** Waits for the work; one verdict per record, in the order {@link #start} was given them. */
        List<Verdict> finish();
    }
}
