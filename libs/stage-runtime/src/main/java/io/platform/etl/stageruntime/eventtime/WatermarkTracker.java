package io.platform.etl.stageruntime.eventtime;

import java.util.HashMap;
import java.util.Map;

/**
 * The watermark of one input partition fed by in-band marks (the Samza/Beam low-watermark design, ADR 0320): the
 * minimum over the non-idle sources, known only once every source the topic has ({@code sources}) was heard from.
 * Each source's watermark only moves forward. Not thread-safe: one per task, used by its stream thread.
 */
public final class WatermarkTracker {

    private final Map<String, WatermarkMark> marks = new HashMap<>();
    private int expectedSources = Integer.MAX_VALUE;
    private long current = Long.MIN_VALUE;
    private boolean idle;

    /**
     * Takes one mark; returns the mark as kept (its watermark never below the one kept before), for persisting.
     */
    public WatermarkMark observe(WatermarkMark mark) {
        WatermarkMark before = marks.get(mark.source());
        WatermarkMark kept = before == null || mark.watermark() >= before.watermark() ? mark
                : new WatermarkMark(mark.source(), before.watermark(), mark.sources(), mark.idle());
        marks.put(kept.source(), kept);
        expectedSources = mark.sources();
        recompute();
        return kept;
    }

    /** Min over non-idle sources; {@link Long#MIN_VALUE} until all expected sources were heard from. */
    public long current() {
        return current;
    }

    /** True when every expected source was heard from and all of them are idle. */
    public boolean idle() {
        return idle;
    }

    /** The mark kept per source (for persisting). */
    public java.util.Collection<WatermarkMark> marks() {
        return java.util.Collections.unmodifiableCollection(marks.values());
    }

    /** Number of distinct sources heard from. */
    public int heard() {
        return marks.size();
    }

    private void recompute() {
        if (marks.size() < expectedSources) {
            current = Long.MIN_VALUE;
            idle = false;
            return;
        }
        long min = Long.MAX_VALUE;
        long minAll = Long.MAX_VALUE;
        boolean anyActive = false;
        for (WatermarkMark m : marks.values()) {
            minAll = Math.min(minAll, m.watermark());
            if (!m.idle()) {
                anyActive = true;
                min = Math.min(min, m.watermark());
            }
        }
        idle = !anyActive;
        // All idle: hold at the lowest mark instead of jumping ahead; the stage decides what idleness means to it.
        long next = anyActive ? min : minAll;
        current = Math.max(current, next);
    }
}
