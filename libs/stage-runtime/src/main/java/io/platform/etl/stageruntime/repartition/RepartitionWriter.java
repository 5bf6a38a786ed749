package io.platform.etl.stageruntime.repartition;

import io.platform.etl.stageruntime.InputRecord;
import io.platform.etl.stageruntime.eventtime.EventTime;
import io.platform.etl.stageruntime.eventtime.MarkWriter;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.kstream.KeyValueMapper;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Before a repartition topic: re-keys each record by the stage's key, keeps the original key in header
 * {@value #ORIGINAL_KEY} (null value = null key), and writes the task's watermark into every partition.
 */
final class RepartitionWriter implements Processor<byte[], InputRecord, byte[], byte[]> {

    static final String ORIGINAL_KEY = "x-etl-original-key";
    private static final byte[] EMPTY = new byte[0];

    private final KeyValueMapper<byte[], InputRecord, byte[]> newKey;
    private final MarkWriter marks;
    private ProcessorContext<byte[], byte[]> context;

    RepartitionWriter(KeyValueMapper<byte[], InputRecord, byte[]> newKey, EventTime eventTime) {
        this.newKey = newKey;
        this.marks = new MarkWriter(eventTime);
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        marks.init(context);
    }

    @Override
    public void process(Record<byte[], InputRecord> record) {
        byte[] key = newKey.apply(record.key(), record.value());
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(ORIGINAL_KEY, record.key());
        // Repartitioning drops null keys; an absent key field must not lose the record.
        context.forward(new Record<>(key == null ? EMPTY : key, record.value().value(), record.timestamp(), headers));
    }
}
