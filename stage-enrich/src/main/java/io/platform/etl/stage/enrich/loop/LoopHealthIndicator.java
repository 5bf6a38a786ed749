package io.platform.etl.stage.enrich.loop;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/** Readiness {@code enrich-loop}: UP while the loop polls (after the rules gate opened); DOWN before and after. */
@Singleton
public class LoopHealthIndicator implements HealthIndicator {

    private final EnrichLoop loop;

    public LoopHealthIndicator(EnrichLoop loop) {
        this.loop = loop;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", loop.state().name());
        if (loop.fatalError() != null) {
            details.put("error", loop.fatalError().toString());
        }
        HealthStatus status = loop.state() == LoopWorker.State.RUNNING ? HealthStatus.UP : HealthStatus.DOWN;
        return Publishers.just(HealthResult.builder("enrich-loop", status).details(details).build());
    }
}
