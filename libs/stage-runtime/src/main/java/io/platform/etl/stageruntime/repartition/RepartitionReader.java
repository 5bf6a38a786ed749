package io.platform.etl.stageruntime.repartition;

import io.platform.etl.stageruntime.dlq.Decoded;
import io.platform.etl.stageruntime.dlq.RecordDecoder;
import io.platform.etl.stageruntime.eventtime.WatermarkRecords;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * After a repartition topic: control records feed this task's watermark; data records get their original key and
 * headers back and are decoded again (the topic carries the original bytes).
 */
final class RepartitionReader implements Processor<byte[], byte[], byte[], Decoded> {

    private final RecordDecoder decoder;
    private final String topic;
    private ProcessorContext<byte[], Decoded> context;

    RepartitionReader(RecordDecoder decoder, String topic) {
        this.decoder = decoder;
        this.topic = topic;
    }

    @Override
    public void init(ProcessorContext<byte[], Decoded> context) {
        this.context = context;
        decoder.clock().init(context, topic);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Headers headers = record.headers();
        if (WatermarkRecords.isWatermark(headers)) {
            decoder.clock().control(headers);
            return;
        }
        Header original = headers.lastHeader(RepartitionWriter.ORIGINAL_KEY);
        byte[] key = original == null ? record.key() : original.value();
        headers.remove(RepartitionWriter.ORIGINAL_KEY);
        long received = System.nanoTime();
        Decoded decoded = decoder.decode(record.value(), received);
        Record<byte[], Decoded> out = record.withKey(key).withValue(decoded);
        if (!decoded.isValid()) {
            out = out.withHeaders(decoder.deadLetterHeaders(record.value(), headers,
                    context.recordMetadata().orElse(null), received));
        }
        context.forward(out);
    }
}
