package io.platform.etl.stageruntime.eventtime;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Writes the task's watermark downstream every {@code interval} when it changed: one control record, which the
 * {@link ControlBroadcast} partitioner copies into every partition of the topic. Forwarded from a punctuator on the
 * task's thread, so it follows every record the task forwarded before, in the same transaction.
 */
public final class MarkWriter {

    private final EventTime eventTime;
    private ProcessorContext<byte[], byte[]> context;
    private TaskWatermark task;
    private String source;
    private long lastWatermark = Long.MIN_VALUE;
    private boolean lastIdle;
    private boolean written;

    public MarkWriter(EventTime eventTime) {
        this.eventTime = eventTime;
    }

    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.task = eventTime.forTask(context.taskId());
        this.source = eventTime.sourceId(context.taskId());
        context.schedule(eventTime.interval(), PunctuationType.WALL_CLOCK_TIME, this::write);
    }

    private void write(long now) {
        long watermark = task.current();
        boolean idle = task.idle();
        if (watermark == Long.MIN_VALUE && !idle) {
            return;
        }
        if (written && watermark == lastWatermark && idle == lastIdle) {
            return;
        }
        WatermarkMark mark = new WatermarkMark(source, watermark,
                eventTime.topics().partitions(task.inputTopic()), idle);
        context.forward(new Record<>(WatermarkRecords.key(mark), WatermarkRecords.value(), now,
                WatermarkRecords.encode(mark)));
        lastWatermark = watermark;
        lastIdle = idle;
        written = true;
    }
}
