package io.platform.etl.stage.dedupe;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * {@code stage.dedupe.*}: static settings of the dedupe stage (the rules themselves come from the spec and Redis).
 *
 * @param missingKey             a record without a key field: {@code pass} (forwarded, counted) or
 *                               {@code dead_letter} (reason {@code missing_key_field})
 * @param expired                a record older than the expiry horizon: {@code pass} (counted) or
 *                               {@code dead_letter} (reason {@code dedupe_window_expired})
 * @param allowedLateness        how far behind the pipeline watermark a record may be and still be judged exactly;
 *                               the state keeps {@code window + allowedLateness} of event time
 * @param exactBucketsPerWindow  exact: buckets per window (more = tighter purge, more lookups per record)
 * @param bloomSegmentsPerWindow bloom: filters per window (more = tighter memory of old keys, more bits per key)
 */
@ConfigurationProperties("stage.dedupe")
public record DedupeSettings(@Bindable(defaultValue = "pass") @NotNull Route missingKey,
                             @Bindable(defaultValue = "pass") @NotNull Route expired,
                             @Bindable(defaultValue = "1m") @NotNull Duration allowedLateness,
                             @Bindable(defaultValue = "4") @Min(1) @Max(60) int exactBucketsPerWindow,
                             @Bindable(defaultValue = "1") @Min(1) @Max(16) int bloomSegmentsPerWindow) {

    /** Where a record goes that cannot be deduplicated. */
    public enum Route {
        PASS, DEAD_LETTER
    }
}
