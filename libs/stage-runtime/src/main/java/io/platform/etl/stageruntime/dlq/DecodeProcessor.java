package io.platform.etl.stageruntime.dlq;

import io.platform.etl.stageruntime.eventtime.WatermarkRecords;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The stage's input processor: control records feed the task's watermark and go no further; every other record is
 * parsed into an event, or forwarded with dead-letter headers when unreadable (not JSON, not an object, missing or
 * bad {@code timestamp}, over the size limit). The stage goes on either way.
 */
public final class DecodeProcessor implements FixedKeyProcessor<byte[], byte[], Decoded> {

    private final RecordDecoder decoder;
    private final String inputTopic;
    private FixedKeyProcessorContext<byte[], Decoded> context;

    public DecodeProcessor(RecordDecoder decoder, String inputTopic) {
        this.decoder = decoder;
        this.inputTopic = inputTopic;
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], Decoded> context) {
        this.context = context;
        decoder.clock().init(context, inputTopic);
    }

    @Override
    public void process(FixedKeyRecord<byte[], byte[]> record) {
        if (WatermarkRecords.isWatermark(record.headers())) {
            decoder.clock().control(record.headers());
            return;
        }
        long received = System.nanoTime();
        Decoded decoded = decoder.decode(record.value(), received);
        if (decoded.isValid()) {
            context.forward(record.withValue(decoded));
        } else {
            context.forward(record.withValue(decoded).withHeaders(decoder.deadLetterHeaders(record.value(),
                    record.headers(), context.recordMetadata().orElse(null), received)));
        }
    }
}
