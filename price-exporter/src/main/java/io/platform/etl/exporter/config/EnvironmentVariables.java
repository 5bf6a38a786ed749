package io.platform.etl.exporter.config;

import java.util.Map;
import java.util.Optional;

/** Which environment variable feeds which property (mirrors application.yml), for error messages. */
public final class EnvironmentVariables {

    private static final Map<String, String> BY_PROPERTY = Map.ofEntries(
            Map.entry("exporter.mode", "EXPORT_MODE"),
            Map.entry("exporter.cron", "EXPORT_CRON"),
            Map.entry("exporter.zone", "EXPORT_ZONE"),
            Map.entry("exporter.output-formats", "OUTPUT_FORMATS"),
            Map.entry("exporter.run-date", "RUN_DATE"),
            Map.entry("exporter.force", "EXPORT_FORCE"),
            Map.entry("exporter.lock-wait", "EXPORT_LOCK_WAIT"),
            Map.entry("exporter.lock-key", "EXPORT_LOCK_KEY"),
            Map.entry("exporter.fetch-size", "EXPORT_FETCH_SIZE"),
            Map.entry("exporter.read-role", "DB_READ_ROLE"),
            Map.entry("exporter.work-dir", "EXPORT_WORK_DIR"),
            Map.entry("exporter.progress-interval", "EXPORT_PROGRESS_INTERVAL"),
            Map.entry("exporter.fail-after-clients", "EXPORT_FAIL_AFTER_CLIENTS"),
            Map.entry("exporter.readers", "EXPORT_READERS"),
            Map.entry("exporter.csv.delimiter", "CSV_DELIMITER"),
            Map.entry("exporter.csv.bom", "CSV_BOM"),
            Map.entry("exporter.storage.endpoint", "STORAGE_ENDPOINT"),
            Map.entry("exporter.storage.region", "STORAGE_REGION"),
            Map.entry("exporter.storage.bucket", "STORAGE_BUCKET"),
            Map.entry("exporter.storage.prefix", "STORAGE_PREFIX"),
            Map.entry("exporter.storage.path-style", "STORAGE_PATH_STYLE"),
            Map.entry("exporter.storage.multipart-threshold", "STORAGE_MULTIPART_THRESHOLD"),
            Map.entry("exporter.storage.part-size", "STORAGE_PART_SIZE"),
            Map.entry("exporter.storage.upload-concurrency", "STORAGE_UPLOAD_CONCURRENCY"),
            Map.entry("exporter.notify.webhook-url", "NOTIFY_WEBHOOK_URL"),
            Map.entry("exporter.notify.format", "NOTIFY_FORMAT"),
            Map.entry("exporter.notify.telegram-chat-id", "NOTIFY_TELEGRAM_CHAT_ID"),
            Map.entry("exporter.notify.timeout", "NOTIFY_TIMEOUT"),
            Map.entry("exporter.metrics.pushgateway-url", "PUSHGATEWAY_URL"),
            Map.entry("exporter.metrics.job", "PUSHGATEWAY_JOB"));

    private EnvironmentVariables() {
    }

    public static Optional<String> forProperty(String property) {
        return Optional.ofNullable(BY_PROPERTY.get(property));
    }
}
