package io.platform.etl.stageruntime.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Factory;
import io.platform.etl.stageruntime.spec.StageSection;
import jakarta.inject.Singleton;

/** The stage's {@link StageMetrics}, labelled with its spec name. */
@Factory
public class StageMetricsFactory {

    @Singleton
    StageMetrics stageMetrics(MeterRegistry registry, StageSection section) {
        return new StageMetrics(registry, section.name());
    }
}
