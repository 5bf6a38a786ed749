package io.platform.etl.stageruntime.loop;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/** Readiness {@code stage-loop}: UP while the loop polls (after the rules gate opened); DOWN before and after. */
@Singleton
@Requires(beans = LoopPlan.class)
public class LoopHealthIndicator implements HealthIndicator {

    private final StageLoop loop;

    public LoopHealthIndicator(StageLoop loop) {
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
        return Publishers.just(HealthResult.builder("stage-loop", status).details(details).build());
    }
}
