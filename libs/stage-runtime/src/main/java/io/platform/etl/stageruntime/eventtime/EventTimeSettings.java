package io.platform.etl.stageruntime.eventtime;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * {@code stage.event-time.*}: how the stage tracks and forwards the pipeline's event-time watermark (ADR 0320).
 *
 * @param source          {@code auto} (default), {@code data} or {@code upstream}, see {@link WatermarkSource}
 * @param interval        how often each task writes its watermark downstream (default: spec
 *                        {@code config.watermark_interval})
 * @param outOfOrderness  data-derived watermarks trail the largest event time seen by this much (default 0s)
 * @param idleTimeout     a data-derived partition with no record for this long that is caught up is idle (default 10s)
 */
@ConfigurationProperties("stage.event-time")
public record EventTimeSettings(@Bindable(defaultValue = "auto") @NotNull WatermarkSource source,
                                @Nullable Duration interval,
                                @Bindable(defaultValue = "0s") @NotNull Duration outOfOrderness,
                                @Bindable(defaultValue = "10s") @NotNull Duration idleTimeout) {

    /** Defaults, for tests and tools that build a topology without a context. */
    public static EventTimeSettings defaults() {
        return new EventTimeSettings(WatermarkSource.AUTO, null, Duration.ZERO, Duration.ofSeconds(10));
    }
}
