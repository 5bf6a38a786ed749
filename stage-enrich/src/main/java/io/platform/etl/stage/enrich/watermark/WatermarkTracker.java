package io.platform.etl.stage.enrich.watermark;

import java.util.HashMap;
import java.util.Map;

/**
 * The watermark of one input partition: the minimum over its non-idle upstream sources, known once every source
 * ({@code sources}) was heard from, {@link Long#MIN_VALUE} before; each source only moves forward. Stand-in for the
 * runtime's {@code eventtime.WatermarkTracker} (same semantics). Not thread-safe.
 */
public final class WatermarkTracker {

    private final Map<String, WatermarkMark> marks = new HashMap<>();
    private int expected = Integer.MAX_VALUE;
    private long current = Long.MIN_VALUE;
    private boolean idle;

    public void observe(WatermarkMark mark) {
        WatermarkMark before = marks.get(mark.source());
        marks.put(mark.source(), before == null || mark.watermark() >= before.watermark() ? mark
                : new WatermarkMark(mark.source(), before.watermark(), mark.sources(), mark.idle()));
        expected = mark.sources();
        if (marks.size() < expected) {
            return;
        }
        long active = Long.MAX_VALUE;
        long all = Long.MAX_VALUE;
        boolean anyActive = false;
        for (WatermarkMark m : marks.values()) {
            all = Math.min(all, m.watermark());
            if (!m.idle()) {
                anyActive = true;
                active = Math.min(active, m.watermark());
            }
        }
        idle = !anyActive;
        current = Math.max(current, anyActive ? active : all);
    }

    public long current() {
        return current;
    }

    public boolean idle() {
        return idle;
    }
}
