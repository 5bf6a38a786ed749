package io.platform.etl.stageruntime.eventtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The loop's event time derived from the records (the pipeline's source topic, as {@link DataClock} for Kafka
 * Streams): per input partition the largest event time written minus {@code out-of-orderness}; a partition is idle
 * once it had no record for {@code idle-timeout} and the consumer is caught up with it. Marks are written at most
 * every {@code interval}, as source {@code <application-id>/0_<partition>}: the id the Kafka Streams task reading
 * that partition wrote, so a stage moving between the engines leaves no stale source in its consumers' trackers.
 * After a restart the watermark starts again from the data read; consumers keep each source's highest mark.
 */
public final class PartitionEventTime implements PartitionClock {

    private final String sourcePrefix;
    private final long outOfOrderness;
    private final long idleTimeoutNanos;
    private final long intervalNanos;
    private final Map<Integer, Long> committedMax = new HashMap<>();
    private final Map<Integer, Long> pendingMax = new HashMap<>();
    private final Map<Integer, Long> lastRecordNanos = new HashMap<>();
    private final Map<Integer, WatermarkMark> emitted = new HashMap<>();
    private long lastCheckNanos;
    private boolean checked;

    public PartitionEventTime(String applicationId, EventTimeSettings settings, Duration interval) {
        this.sourcePrefix = applicationId + "/0_";
        this.outOfOrderness = settings.outOfOrderness().toMillis();
        this.idleTimeoutNanos = settings.idleTimeout().toNanos();
        this.intervalNanos = interval.toNanos();
    }

    /** A source topic carries no control records; a stray one is ignored. */
    @Override
    public void observe(int partition, WatermarkMark mark) {
    }

    @Override
    public void events(int partition, long maxEventTimeMillis) {
        pendingMax.merge(partition, maxEventTimeMillis, Math::max);
        lastRecordNanos.put(partition, System.nanoTime());
    }

    @Override
    public List<WatermarkMark> changed(Collection<Integer> assigned, int inputPartitions, IntPredicate caughtUp,
                                       long nowNanos) {
        if (!due(nowNanos)) {
            return List.of();
        }
        List<WatermarkMark> out = new ArrayList<>();
        boolean known = false;
        for (int partition : assigned) {
            long max = Math.max(committedMax.getOrDefault(partition, Long.MIN_VALUE),
                    pendingMax.getOrDefault(partition, Long.MIN_VALUE));
            long watermark = max == Long.MIN_VALUE ? Long.MIN_VALUE : max - outOfOrderness;
            long quietSince = lastRecordNanos.computeIfAbsent(partition, p -> nowNanos);
            boolean idle = nowNanos - quietSince >= idleTimeoutNanos && caughtUp.test(partition);
            if (watermark == Long.MIN_VALUE && !idle) {
                continue;
            }
            known = true;
            WatermarkMark mark = new WatermarkMark(sourcePrefix + partition, watermark, inputPartitions, idle);
            if (!mark.equals(emitted.get(partition))) {
                out.add(mark);
            }
        }
        // The interval counts from the first check that had something to say: a check before any data (at the
        // start) must not hold the first mark back a whole interval (10 s by the seed's watermark_interval).
        if (known) {
            checked = true;
            lastCheckNanos = nowNanos;
        }
        return out;
    }

    @Override
    public boolean due(long nowNanos) {
        return !checked || nowNanos - lastCheckNanos >= intervalNanos;
    }

    @Override
    public void committed(List<WatermarkMark> marks) {
        for (WatermarkMark mark : marks) {
            emitted.put(Integer.parseInt(mark.source().substring(sourcePrefix.length())), mark);
        }
        pendingMax.forEach((partition, max) -> committedMax.merge(partition, max, Math::max));
        pendingMax.clear();
    }

    @Override
    public void aborted() {
        pendingMax.clear();
    }

    @Override
    public void revoked(Collection<Integer> partitions) {
        partitions.forEach(p -> {
            committedMax.remove(p);
            pendingMax.remove(p);
            lastRecordNanos.remove(p);
            emitted.remove(p);
        });
    }
}
