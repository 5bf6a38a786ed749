package io.platform.etl.rulesclient;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Meters of one rules client, labelled {@code pipeline} and {@code kind}: {@code rules_version} (applied version,
 * 0 = static only), {@code rules_stale} (1 while Redis cannot be read), {@code rules_applied_total},
 * {@code rules_invalid_total} (rejected snapshots or notices) and {@code rules_propagation} (snapshot
 * {@code published_at} → applied here).
 */
final class RulesMetrics {

    private final Counter applied;
    private final Counter invalid;
    private final Timer propagation;

    RulesMetrics(MeterRegistry registry, String pipeline, String kind, Supplier<Number> version,
                 Supplier<Boolean> stale) {
        Tags tags = Tags.of("pipeline", pipeline, "kind", kind);
        Gauge.builder("rules_version", version).tags(tags)
                .description("Applied dynamic rule version (0 = static rules only)").register(registry);
        Gauge.builder("rules_stale", () -> stale.get() ? 1 : 0).tags(tags)
                .description("1 while the rules store cannot be read and the last rules are kept").register(registry);
        applied = Counter.builder("rules_applied").tags(tags).description("Rule versions applied").register(registry);
        invalid = Counter.builder("rules_invalid").tags(tags)
                .description("Snapshots or notices rejected as invalid").register(registry);
        propagation = Timer.builder("rules_propagation").tags(tags)
                .description("From the snapshot's published_at to applied in this instance")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    void applied(Duration sincePublished) {
        applied.increment();
        if (!sincePublished.isNegative()) {
            propagation.record(sincePublished);
        }
    }

    void invalid() {
        invalid.increment();
    }
}
