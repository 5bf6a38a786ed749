package io.platform.etl.stageruntime.eventtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The loop's event time from upstream marks (ADR 0805): one {@link WatermarkTracker} per assigned input partition, fed
 * by the control records in the input; after a batch, {@link #changed} gives the marks to forward, one per input
 * partition whose watermark or idleness changed, as source {@code <stage>-<partition>} of {@code inputPartitions}
 * sources. Observations count once their batch committed: an aborted batch's are undone (its control records are
 * read again with the batch), so no mark runs ahead of the data that preceded it in the input (ADR 0809).
 */
public final class PartitionWatermarks implements PartitionClock {

    private final String stage;
    private final Map<Integer, WatermarkTracker> trackers = new HashMap<>();
    private final Map<Integer, WatermarkMark> emitted = new HashMap<>();
    /** Per partition, the upstream marks as kept by its tracker when the last batch committed. */
    private final Map<Integer, Map<String, WatermarkMark>> committedMarks = new HashMap<>();
    private final Map<Integer, Map<String, WatermarkMark>> observedMarks = new HashMap<>();

    public PartitionWatermarks(String stage) {
        this.stage = stage;
    }

    @Override
    public void observe(int partition, WatermarkMark mark) {
        WatermarkMark kept = trackers.computeIfAbsent(partition, p -> new WatermarkTracker()).observe(mark);
        observedMarks.computeIfAbsent(partition, p -> new HashMap<>()).put(kept.source(), kept);
    }

    /** The partition's watermark: {@link Long#MIN_VALUE} until every upstream source was heard from. */
    public long watermark(int partition) {
        WatermarkTracker tracker = trackers.get(partition);
        return tracker == null ? Long.MIN_VALUE : tracker.current();
    }

    /** True when every upstream source of the partition is idle. */
    public boolean idle(int partition) {
        WatermarkTracker tracker = trackers.get(partition);
        return tracker != null && tracker.idle();
    }

    /** The upstream marks the partition's watermark is made of (to persist them with state, ADR 0340). */
    public java.util.Collection<WatermarkMark> marks(int partition) {
        WatermarkTracker tracker = trackers.get(partition);
        return tracker == null ? List.of() : tracker.marks();
    }

    /** Progress comes from the control records only. */
    @Override
    public void events(int partition, long maxEventTimeMillis) {
    }

    @Override
    public List<WatermarkMark> changed(Collection<Integer> assigned, int inputPartitions, IntPredicate caughtUp,
                                       long nowNanos) {
        List<WatermarkMark> out = new ArrayList<>();
        trackers.forEach((partition, tracker) -> {
            if (tracker.current() == Long.MIN_VALUE) {
                return;
            }
            WatermarkMark mark = new WatermarkMark(stage + "-" + partition, tracker.current(), inputPartitions,
                    tracker.idle());
            if (!mark.equals(emitted.get(partition))) {
                out.add(mark);
            }
        });
        return out;
    }

    /** Upstream marks arrive with data or on the upstream's interval: nothing is due without a batch. */
    @Override
    public boolean due(long nowNanos) {
        return false;
    }

    @Override
    public void committed(List<WatermarkMark> marks) {
        for (WatermarkMark mark : marks) {
            emitted.put(Integer.parseInt(mark.source().substring(stage.length() + 1)), mark);
        }
        observedMarks.forEach((partition, observed) ->
                committedMarks.computeIfAbsent(partition, p -> new HashMap<>()).putAll(observed));
        observedMarks.clear();
    }

    /**
     * The batch observed since the last commit was aborted: its partitions' trackers are rebuilt from the marks kept
     * at the last commit, as a restarted stage rebuilds them from persisted marks.
     */
    @Override
    public void aborted() {
        for (Integer partition : observedMarks.keySet()) {
            WatermarkTracker tracker = new WatermarkTracker();
            committedMarks.getOrDefault(partition, Map.of()).values().forEach(tracker::observe);
            trackers.put(partition, tracker);
        }
        observedMarks.clear();
    }

    /** Partitions taken away by a rebalance: their new owner rebuilds the state from the next upstream marks. */
    @Override
    public void revoked(Collection<Integer> partitions) {
        partitions.forEach(p -> {
            trackers.remove(p);
            emitted.remove(p);
            committedMarks.remove(p);
            observedMarks.remove(p);
        });
    }
}
