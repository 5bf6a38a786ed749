package io.platform.etl.exporter.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.platform.etl.exporter.run.ExportResult;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The exporter's metrics, in Prometheus naming: {@code export_duration_seconds}, {@code export_files_total},
 * {@code export_failed_total}, plus {@code export_rows_total}, {@code export_runs_total{status}},
 * {@code export_notify_failed_total} and {@code export_last_success_timestamp_seconds} for alerting.
 */
@Singleton
public class ExportMetrics {

    private final MeterRegistry registry;
    private final Counter files;
    private final Counter failed;
    private final Counter rows;
    private final Counter notifyFailed;
    private final AtomicLong lastSuccess = new AtomicLong();

    public ExportMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.files = Counter.builder("export.files").description("Price-list files uploaded").register(registry);
        this.failed = Counter.builder("export.failed").description("Failed export runs").register(registry);
        this.rows = Counter.builder("export.rows").description("Price rows exported").register(registry);
        this.notifyFailed = Counter.builder("export.notify.failed")
                .description("Run notifications that could not be delivered").register(registry);
        registry.gauge("export.last.success.timestamp.seconds", lastSuccess, AtomicLong::get);
    }

    public void recordRun(ExportResult result) {
        Timer.builder("export.duration").description("Duration of export runs")
                .tag("status", result.status().name().toLowerCase(java.util.Locale.ROOT))
                .register(registry).record(result.duration());
        Counter.builder("export.runs").description("Export runs by outcome")
                .tag("status", result.status().name().toLowerCase(java.util.Locale.ROOT))
                .register(registry).increment();
        files.increment(result.files());
        rows.increment(result.rows());
        if (result.succeeded()) {
            lastSuccess.set(System.currentTimeMillis() / 1000);
        } else {
            failed.increment();
        }
    }

    /** A run that could not even start (e.g. lock held by another run). */
    public void recordFailureBeforeStart() {
        failed.increment();
    }

    public void notificationFailed() {
        notifyFailed.increment();
    }

    public double notificationFailures() {
        return notifyFailed.count();
    }
}
