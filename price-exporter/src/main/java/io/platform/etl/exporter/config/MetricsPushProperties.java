package io.platform.etl.exporter.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;

/**
 * Prometheus Pushgateway target for the once mode (a CronJob pod lives too briefly to be scraped).
 *
 * @param pushgatewayUrl base URL, e.g. {@code http://pushgateway:9091}; empty = no push
 * @param job            the {@code job} grouping key
 */
@ConfigurationProperties("exporter.metrics")
public record MetricsPushProperties(
        @Nullable String pushgatewayUrl,
        @NotBlank(message = "PUSHGATEWAY_JOB must not be empty") String job) {
}
