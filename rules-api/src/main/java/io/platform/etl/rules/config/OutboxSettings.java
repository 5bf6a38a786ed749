package io.platform.etl.rules.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * Outbox relay settings ({@code rules.outbox.*}).
 *
 * @param pollInterval      how often the relay looks for rows committed by other instances
 * @param initialBackoff    first wait after a failed publication, doubled per failure
 * @param maxBackoff        upper bound of the wait
 * @param batchSize         rows per relay transaction
 * @param reconcileInterval how often snapshots missing from Redis (e.g. after a restart without data) are republished
 */
@ConfigurationProperties("rules.outbox")
public record OutboxSettings(
        @Bindable(defaultValue = "1s") @NotNull Duration pollInterval,
        @Bindable(defaultValue = "200ms") @NotNull Duration initialBackoff,
        @Bindable(defaultValue = "10s") @NotNull Duration maxBackoff,
        @Bindable(defaultValue = "100") @Min(1) @Max(10_000) int batchSize,
        @Bindable(defaultValue = "30s") @NotNull Duration reconcileInterval) {
}
