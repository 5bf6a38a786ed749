package io.platform.etl.stage.enrich.loop;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;

/** Liveness {@code enrich-loop-liveness}: DOWN once the loop stopped on a fatal error, so the pod is restarted. */
@Singleton
@Liveness
public class LoopLivenessIndicator implements HealthIndicator {

    private final EnrichLoop loop;

    public LoopLivenessIndicator(EnrichLoop loop) {
        this.loop = loop;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        boolean failed = loop.state() == LoopWorker.State.FAILED;
        return Publishers.just(HealthResult.builder("enrich-loop-liveness", failed ? HealthStatus.DOWN
                : HealthStatus.UP).details(Map.of("state", loop.state().name())).build());
    }
}
