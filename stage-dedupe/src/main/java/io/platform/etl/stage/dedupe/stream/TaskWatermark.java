package io.platform.etl.stage.dedupe.stream;

import io.platform.etl.stage.dedupe.state.SortedStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The task's event-time watermark: the highest event time this task has seen minus the allowed out-of-orderness,
 * kept in the task's changelogged meta store so a restart or rebalance neither moves it back nor forward.
 * <p>
 * Interim: this is the one place to switch to the runtime's pipeline watermark
 * ({@code context.eventTime().forTask(taskId).current()}) once stage-runtime carries it in-band.
 */
final class TaskWatermark {

    private static final byte[] KEY = "max-event-time".getBytes(StandardCharsets.UTF_8);

    private final SortedStore meta;
    private final long outOfOrderness;
    private long max;

    TaskWatermark(SortedStore meta, long outOfOrderness) {
        this.meta = meta;
        this.outOfOrderness = outOfOrderness;
        byte[] stored = meta.get(KEY);
        this.max = stored == null ? Long.MIN_VALUE : ByteBuffer.wrap(stored).getLong();
    }

    /** The watermark, {@link Long#MIN_VALUE} before the first record. */
    long current() {
        return max == Long.MIN_VALUE ? Long.MIN_VALUE : max - outOfOrderness;
    }

    void observe(long eventTime) {
        if (eventTime > max) {
            max = eventTime;
            meta.put(KEY, ByteBuffer.allocate(8).putLong(eventTime).array());
        }
    }
}
