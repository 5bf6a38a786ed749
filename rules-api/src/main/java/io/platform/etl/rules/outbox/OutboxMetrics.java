package io.platform.etl.rules.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** {@code rules_outbox_pending} and {@code rules_outbox_lag_seconds} (age of the oldest unpublished row). */
@Singleton
public class OutboxMetrics {

    private final OutboxBatch batch;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicReference<Instant> oldest = new AtomicReference<>();

    public OutboxMetrics(OutboxBatch batch, MeterRegistry registry) {
        this.batch = batch;
        Gauge.builder("rules.outbox.pending", pending, AtomicLong::get)
                .description("Rule versions committed but not yet published to Redis").register(registry);
        Gauge.builder("rules.outbox.lag.seconds", this, OutboxMetrics::lagSeconds)
                .description("Age of the oldest unpublished rule version").register(registry);
    }

    @Scheduled(fixedDelay = "${rules.outbox.metrics-interval:5s}", initialDelay = "1s")
    void refresh() {
        try {
            OutboxStore.OutboxStats stats = batch.stats();
            pending.set(stats.pending());
            oldest.set(stats.oldest().orElse(null));
        } catch (RuntimeException e) {
            // database unreachable: keep the last figures; the health endpoint shows the datasource state
        }
    }

    public long pending() {
        return pending.get();
    }

    public double lagSeconds() {
        Instant since = oldest.get();
        return since == null ? 0.0 : Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }
}
