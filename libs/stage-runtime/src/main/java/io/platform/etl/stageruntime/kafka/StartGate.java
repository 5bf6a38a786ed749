package io.platform.etl.stageruntime.kafka;

import java.util.concurrent.CompletionStage;

/**
 * Something Kafka Streams must wait for before it starts consuming (e.g. the first rule snapshot). Beans of this type
 * are collected by the runtime; readiness stays DOWN until all are open.
 */
public interface StartGate {

    /** Name shown in health details. */
    String name();

    /** Completes when processing may start; must complete eventually (gates own their timeouts). */
    CompletionStage<?> opened();
}
