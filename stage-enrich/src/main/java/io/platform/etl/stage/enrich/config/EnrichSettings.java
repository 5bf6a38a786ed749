package io.platform.etl.stage.enrich.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;

/**
 * {@code enrich.*}: how the enrich stage looks up (ADR 0801); how its loop consumes and produces is the runtime's
 * {@code stage.loop.*} (ADR 0337).
 *
 * @param batchTimeout       safety bound on one batch's lookups; unfinished lookups count as failed
 * @param apiMaxInFlight     HTTP calls in flight per api source
 * @param cacheMaxEntries    entries per source cache (hits and misses)
 * @param allowedApiHosts    hosts an api source may call (checked when rules are compiled and before every call)
 * @param circuitMinimumCalls calls a circuit breaker sees before it may open
 * @param circuitFailureRate failure percentage that opens a circuit
 * @param circuitOpenDuration how long an open circuit refuses calls before it lets trial calls through
 * @param retryBackoff       first retry delay (doubled per retry, ±50 % jitter)
 * @param apiConnectTo       {@code host:port=host:port} routes for api calls (ADR 0807); empty in production
 */
@ConfigurationProperties("enrich")
public record EnrichSettings(@Bindable(defaultValue = "60s") @NotNull Duration batchTimeout,
                             @Bindable(defaultValue = "64") @Min(1) int apiMaxInFlight,
                             @Bindable(defaultValue = "100000") @Min(1) long cacheMaxEntries,
                             @Bindable(defaultValue = "geo-service") @NotNull List<String> allowedApiHosts,
                             @Bindable(defaultValue = "4") @Min(1) int circuitMinimumCalls,
                             @Bindable(defaultValue = "50") @Min(1) @Max(100) int circuitFailureRate,
                             @Bindable(defaultValue = "10s") @NotNull Duration circuitOpenDuration,
                             @Bindable(defaultValue = "50ms") @NotNull Duration retryBackoff,
                             @Nullable List<String> apiConnectTo) {

    public EnrichSettings {
        allowedApiHosts = allowedApiHosts == null ? List.of()
                : allowedApiHosts.stream().map(String::trim).filter(h -> !h.isEmpty()).toList();
        apiConnectTo = apiConnectTo == null ? List.of()
                : apiConnectTo.stream().map(String::trim).filter(h -> !h.isEmpty()).toList();
    }
}
