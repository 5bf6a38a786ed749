package io.platform.etl.stageruntime.kafka;

import java.util.List;
import java.util.concurrent.CompletableFuture;
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

    /** Completes once every gate opened (at once for none): when an engine starts consuming. */
    static CompletableFuture<Void> allOpened(List<StartGate> gates) {
        return CompletableFuture.allOf(gates.stream().map(g -> g.opened().toCompletableFuture())
                .toArray(CompletableFuture[]::new));
    }
}
