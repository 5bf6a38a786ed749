package io.platform.etl.stageruntime.dlq;

import io.platform.etl.model.event.Event;
import io.platform.etl.model.event.EventCodec;
import io.platform.etl.model.event.InvalidEventException;
import io.platform.etl.stageruntime.InputRecord;
import io.platform.etl.stageruntime.eventtime.InputClock;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Turns input bytes into a {@link Decoded}, feeding the task's {@link InputClock} with each event time; unreadable
 * records get dead-letter headers and are counted. Shared by the stage's input processor and repartition readers.
 */
public final class RecordDecoder {

    private final EventCodec codec;
    private final DeadLetters deadLetters;
    private final InputClock clock;
    private final boolean countReceived;

    /** @param countReceived false after a repartition, where the record was already counted once */
    public RecordDecoder(EventCodec codec, DeadLetters deadLetters, InputClock clock, boolean countReceived) {
        this.codec = codec;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.countReceived = countReceived;
    }

    public InputClock clock() {
        return clock;
    }

    /** The decoded value; for a reject, {@code deadLetterHeaders} says what to put on the record. */
    public Decoded decode(byte[] value, long receivedNanos) {
        if (countReceived) {
            deadLetters.metrics().received();
        }
        try {
            Event event = codec.decode(value);
            clock.event(event.eventTime().toEpochMilli());
            return new Decoded(new InputRecord(value, event, receivedNanos), null);
        } catch (InvalidEventException e) {
            return new Decoded(null, value);
        }
    }

    /** Dead-letter headers for a value {@link #decode} rejected (decodes once more: rejects are rare). */
    public Headers deadLetterHeaders(byte[] value, Headers original, RecordMetadata meta, long receivedNanos) {
        String reason;
        String message;
        try {
            codec.decode(value);
            reason = "unreadable";
            message = "record could not be decoded";
        } catch (InvalidEventException e) {
            reason = e.reason().code();
            message = e.getMessage();
        }
        deadLetters.metrics().deadLettered(reason, receivedNanos);
        return deadLetters.headers(original, reason, message, meta == null ? null : meta.topic(),
                meta == null ? -1 : meta.partition(), meta == null ? -1 : meta.offset());
    }
}
