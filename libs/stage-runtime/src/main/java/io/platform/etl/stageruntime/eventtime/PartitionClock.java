package io.platform.etl.stageruntime.eventtime;

import java.util.Collection;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The event time of a stage on the transactional loop, per assigned input partition (ADR 0805, 0337): fed with what
 * each batch about to be written holds, it says which watermark marks to write in that batch's transaction.
 * Observations count once their batch committed; an aborted batch's are undone, so no mark runs ahead of the data
 * before it. Used by one loop thread.
 */
public interface PartitionClock {

    /** A control record of {@code partition} in the batch about to be written. */
    void observe(int partition, WatermarkMark mark);

    /** The largest event time among the readable records of {@code partition} in the batch about to be written. */
    void events(int partition, long maxEventTimeMillis);

    /**
     * Marks to write with the batch about to be written, one per input partition whose watermark or idleness
     * changed.
     *
     * @param assigned        the input partitions this loop owns
     * @param inputPartitions how many partitions the input topic has (the marks' {@code sources})
     * @param caughtUp        whether the consumer has read a partition up to its stable end
     */
    List<WatermarkMark> changed(Collection<Integer> assigned, int inputPartitions, IntPredicate caughtUp,
                                long nowNanos);

    /** True when marks may be due although no batch came (an idle input): the loop then writes marks alone. */
    boolean due(long nowNanos);

    /** The batch observed since the last commit or abort committed, with the marks of {@link #changed}. */
    void committed(List<WatermarkMark> marks);

    /** The batch observed since the last commit was aborted: its observations are undone. */
    void aborted();

    /** Partitions taken away by a rebalance: their new owner rebuilds the state. */
    void revoked(Collection<Integer> partitions);
}
