package io.platform.etl.stageruntime.eventtime;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Sits before the output sink: passes the stage's records through and adds the task's watermark marks. */
public final class WatermarkEmitter implements Processor<byte[], byte[], byte[], byte[]> {

    private final MarkWriter marks;
    private ProcessorContext<byte[], byte[]> context;

    public WatermarkEmitter(EventTime eventTime) {
        this.marks = new MarkWriter(eventTime);
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        marks.init(context);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        context.forward(record);
    }
}
