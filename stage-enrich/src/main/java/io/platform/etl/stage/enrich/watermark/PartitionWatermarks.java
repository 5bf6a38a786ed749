package io.platform.etl.stage.enrich.watermark;

import io.platform.etl.stageruntime.eventtime.WatermarkMark;
import io.platform.etl.stageruntime.eventtime.WatermarkTracker;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The enrich loop's event time (ADR 0805): one runtime {@link WatermarkTracker} per assigned input partition, fed
 * by the control records in the input; after a batch, {@link #changed} gives the marks to forward, one per input partition
 * whose watermark or idleness changed, as source {@code <stage>-<partition>} of {@code inputPartitions} sources.
 */
public final class PartitionWatermarks {

    private final String stage;
    private final Map<Integer, WatermarkTracker> trackers = new HashMap<>();
    private final Map<Integer, WatermarkMark> emitted = new HashMap<>();

    public PartitionWatermarks(String stage) {
        this.stage = stage;
    }

    public void observe(int partition, WatermarkMark mark) {
        trackers.computeIfAbsent(partition, p -> new WatermarkTracker()).observe(mark);
    }

    /** Marks to write after this batch; each is remembered as emitted (call once per committed batch). */
    public List<WatermarkMark> changed(int inputPartitions) {
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

    /** The marks of {@link #changed} were committed. */
    public void committed(List<WatermarkMark> marks) {
        for (WatermarkMark mark : marks) {
            emitted.put(Integer.parseInt(mark.source().substring(stage.length() + 1)), mark);
        }
    }

    /** Partitions taken away by a rebalance: their new owner rebuilds the state from the next upstream marks. */
    public void revoked(Collection<Integer> partitions) {
        partitions.forEach(p -> {
            trackers.remove(p);
            emitted.remove(p);
        });
    }
}
