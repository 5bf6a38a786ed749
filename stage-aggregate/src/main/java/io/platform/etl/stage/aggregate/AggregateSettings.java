package io.platform.etl.stage.aggregate;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * {@code aggregate.*}: how the stage emits and closes; the window, grouping, aggregations, output mode and late-data
 * handling come from the spec.
 *
 * @param emitInterval     how often changed results ({@code update} mode) are emitted and closed windows looked for
 *                         (wall clock); at most one result per (window, group) per interval
 * @param idleCloseTimeout how long the whole input must be idle before windows close by the wall clock
 * @param lateRetention    in {@code process} mode, how long after closing a window is kept for late records
 * @param closeBatch       at most this many (window, group) results are closed per emit interval, so one
 *                         transaction stays well inside the producer's transaction timeout; the rest follow
 */
@ConfigurationProperties("aggregate")
public record AggregateSettings(@Bindable(defaultValue = "100ms") @NotNull Duration emitInterval,
                                @Bindable(defaultValue = "30s") @NotNull Duration idleCloseTimeout,
                                @Bindable(defaultValue = "1h") @NotNull Duration lateRetention,
                                @Bindable(defaultValue = "10000") @Min(1) int closeBatch) {

    public AggregateSettings {
        if (emitInterval != null && (emitInterval.isNegative() || emitInterval.isZero())) {
            throw new IllegalArgumentException("aggregate.emit-interval must be positive, was " + emitInterval);
        }
        if (idleCloseTimeout != null && idleCloseTimeout.isNegative()) {
            throw new IllegalArgumentException("aggregate.idle-close-timeout must not be negative");
        }
        if (lateRetention != null && lateRetention.isNegative()) {
            throw new IllegalArgumentException("aggregate.late-retention must not be negative");
        }
    }
}
