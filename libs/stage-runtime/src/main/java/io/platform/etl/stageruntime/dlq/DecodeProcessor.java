package io.platform.etl.stageruntime.dlq;

import io.platform.etl.model.event.Event;
import io.platform.etl.model.event.EventCodec;
import io.platform.etl.model.event.InvalidEventException;
import io.platform.etl.stageruntime.InputRecord;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Parses each input record into an {@link Event}. Unreadable records (not JSON, not an object, missing or bad
 * {@code timestamp}, over the size limit) are forwarded with dead-letter headers and counted; the stage goes on.
 */
public final class DecodeProcessor implements FixedKeyProcessor<byte[], byte[], Decoded> {

    private final EventCodec codec;
    private final DeadLetters deadLetters;
    private FixedKeyProcessorContext<byte[], Decoded> context;

    public DecodeProcessor(EventCodec codec, DeadLetters deadLetters) {
        this.codec = codec;
        this.deadLetters = deadLetters;
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], Decoded> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<byte[], byte[]> record) {
        long received = System.nanoTime();
        deadLetters.metrics().received();
        try {
            Event event = codec.decode(record.value());
            context.forward(record.withValue(new Decoded(new InputRecord(record.value(), event, received), null)));
        } catch (InvalidEventException e) {
            RecordMetadata meta = context.recordMetadata().orElse(null);
            String reason = e.reason().code();
            deadLetters.metrics().deadLettered(reason, received);
            context.forward(record.withValue(new Decoded(null, record.value()))
                    .withHeaders(deadLetters.headers(record.headers(), reason, e.getMessage(),
                            meta == null ? null : meta.topic(), meta == null ? -1 : meta.partition(),
                            meta == null ? -1 : meta.offset())));
        }
    }
}
