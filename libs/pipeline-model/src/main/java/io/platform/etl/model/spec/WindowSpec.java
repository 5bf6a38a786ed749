package io.platform.etl.model.spec;

import java.time.Duration;

/** {@code spec.processing.window}; defaults tumbling, 5m, allowed lateness 1m. */
public record WindowSpec(WindowType type, Duration duration, Duration allowedLateness) {

    public static final WindowSpec DEFAULTS = new WindowSpec(WindowType.TUMBLING, Duration.ofMinutes(5),
            Duration.ofMinutes(1));
}
