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
 * {@code enrich.*}: how the enrich loop consumes, looks up and produces (ADR 0800, 0801).
 *
 * @param maxPollRecords     records per batch (one transaction, one lookup round per source)
 * @param pollTimeout        how long one poll waits for records
 * @param transactionTimeout producer {@code transaction.timeout.ms}: bounds how long a killed instance's open
 *                           transaction holds back read_committed consumers
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
public record EnrichSettings(@Bindable(defaultValue = "500") @Min(1) @Max(10000) int maxPollRecords,
                             @Bindable(defaultValue = "100ms") @NotNull Duration pollTimeout,
                             @Bindable(defaultValue = "10s") @NotNull Duration transactionTimeout,
                             @Bindable(defaultValue = "60s") @NotNull Duration batchTimeout,
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
