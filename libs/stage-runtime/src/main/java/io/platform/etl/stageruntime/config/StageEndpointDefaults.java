package io.platform.etl.stageruntime.config;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.micronaut.context.env.AbstractPropertySourceLoader;
import io.micronaut.context.env.PropertySource;
import java.util.Map;

/**
 * What every stage service exposes, so no stage's application.yml repeats it: Micrometer with the Prometheus
 * registry at {@code /prometheus}, and {@code /health} (with {@code /health/readiness} and {@code /health/liveness})
 * showing details, readiness from micronaut-kafka's {@code kafkaStreams} indicator. Registered through {@link ContextConfigurer} (a service Micronaut applies to every application
 * context builder), as a property source ranked below application.yml: a stage's yml, the environment and system
 * properties still override any of these (ADR 0312).
 */
@ContextConfigurer
public final class StageEndpointDefaults implements ApplicationContextConfigurer {

    /** Name of the property source, as shown in Micronaut's configuration diagnostics. */
    public static final String NAME = "stage-runtime-defaults";

    /** Below application.yml ({@link AbstractPropertySourceLoader#DEFAULT_POSITION}); higher orders win. */
    static final int ORDER = AbstractPropertySourceLoader.DEFAULT_POSITION - 100;

    static final Map<String, Object> PROPERTIES = Map.ofEntries(
            Map.entry("micronaut.metrics.enabled", true),
            Map.entry("micronaut.metrics.export.prometheus.enabled", true),
            Map.entry("micronaut.metrics.export.prometheus.descriptions", true),
            Map.entry("micronaut.metrics.export.prometheus.step", "PT1M"),
            Map.entry("endpoints.all.sensitive", false),
            Map.entry("endpoints.health.enabled", true),
            Map.entry("endpoints.health.details-visible", "ANONYMOUS"),
            Map.entry("endpoints.prometheus.enabled", true),
            Map.entry("endpoints.prometheus.sensitive", false),
            // Micrometer's own KafkaStreamsMetrics binder (StageStreams) names the meters the dashboard and alerts
            // use; micronaut-kafka's reporter would register every client metric a second time (ADR 0335).
            Map.entry("micronaut.metrics.binders.kafka.streams.enabled", false));

    @Override
    public void configure(ApplicationContextBuilder builder) {
        builder.propertySources(PropertySource.of(NAME, PROPERTIES, ORDER));
    }
}
