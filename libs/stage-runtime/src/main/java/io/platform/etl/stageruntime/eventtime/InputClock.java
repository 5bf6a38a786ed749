package io.platform.etl.stageruntime.eventtime;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * Keeps one task's input watermark, fed by the runtime's input processor: from in-band control records
 * ({@link UpstreamClock}) or from the records' event time ({@link DataClock}). State is kept in the task's
 * changelogged store named by {@link #storeName()}, so a restart or rebalance resumes where the commit left it.
 */
public interface InputClock {

    /** The state store this clock keeps its state in (connected to the input processor). */
    String storeName();

    /** Called from the input processor's {@code init}: restores state, registers punctuators. */
    void init(ProcessingContext context, String inputTopic);

    /** A control record arrived (never passed to the stage). */
    void control(Headers headers);

    /** A readable record with this event time was taken. */
    void event(long eventTimeMillis);
}
