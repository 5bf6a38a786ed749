package io.platform.etl.stageruntime;

import io.platform.etl.model.event.Event;

/**
 * A readable input record.
 *
 * @param value        the original value bytes (forward these when the payload must stay unchanged)
 * @param event        the parsed event
 * @param receivedNanos {@link System#nanoTime()} when the runtime took the record, for {@code processing_latency}
 */
public record InputRecord(byte[] value, Event event, long receivedNanos) {
}
