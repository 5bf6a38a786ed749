package io.platform.etl.stageruntime.loop;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;

/** Liveness {@code stage-loop-liveness}: DOWN once a loop thread stopped on a fatal error, so the pod is restarted. */
@Singleton
@Requires(beans = LoopPlan.class)
@Liveness
public class LoopLivenessIndicator implements HealthIndicator {

    private final StageLoop loop;

    public LoopLivenessIndicator(StageLoop loop) {
        this.loop = loop;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        boolean failed = loop.state() == LoopWorker.State.FAILED;
        return Publishers.just(HealthResult.builder("stage-loop-liveness", failed ? HealthStatus.DOWN
                : HealthStatus.UP).details(Map.of("state", loop.state().name())).build());
    }
}
