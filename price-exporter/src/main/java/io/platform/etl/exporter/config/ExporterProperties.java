package io.platform.etl.exporter.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;

/**
 * What to export and how the job runs. Each property is fed by the environment variable named in its
 * validation message (see application.yml), so a bad value fails the start naming that variable.
 *
 * @param mode              {@code scheduled} (long-running, cron) or {@code once} (one run, then exit)
 * @param cron              six-field cron of the scheduled mode (seconds first)
 * @param zone              time zone of the cron and of "today" when no run date is given
 * @param outputFormats     comma-separated list of {@code csv}, {@code xlsx}
 * @param runDate           ISO date the prices are exported for; empty = today in {@code zone}
 * @param force             re-export every client of the run date even when already published
 * @param lockWait          how long a second run waits for the advisory lock before giving up
 * @param lockKey           advisory lock key shared by every exporter instance of one database
 * @param fetchSize         rows per round trip of the server-side cursor
 * @param readRole          role switched to (SET LOCAL ROLE) for catalog reads; empty = stay the login user
 * @param workDir           local directory for files before upload; empty = the JVM's temp dir
 * @param progressInterval  how often progress (rows/s, clients done) is logged during a run
 * @param failAfterClients  fault injection for resume drills: fail the run after this many clients (0 = off)
 * @param readers           clients exported in parallel, each lane on its own connection sharing the run's snapshot
 */
@ConfigurationProperties("exporter")
public record ExporterProperties(
        @NotBlank(message = "EXPORT_MODE must be 'scheduled' or 'once'")
        @Pattern(regexp = "scheduled|once", message = "EXPORT_MODE must be 'scheduled' or 'once'") String mode,
        @NotBlank(message = "EXPORT_CRON must not be empty") String cron,
        @NotBlank(message = "EXPORT_ZONE must not be empty") String zone,
        @NotBlank(message = "OUTPUT_FORMATS must list at least one of: csv, xlsx")
        @Pattern(regexp = "(?i)\\s*(csv|xlsx)\\s*(,\\s*(csv|xlsx)\\s*)*",
                message = "OUTPUT_FORMATS must be a comma-separated list of: csv, xlsx") String outputFormats,
        @Nullable
        @Pattern(regexp = "|\\d{4}-\\d{2}-\\d{2}",
                message = "RUN_DATE must be an ISO date (YYYY-MM-DD) or empty for today") String runDate,
        boolean force,
        @NotNull(message = "EXPORT_LOCK_WAIT must be a duration such as 30s") Duration lockWait,
        long lockKey,
        @Positive(message = "EXPORT_FETCH_SIZE must be positive") int fetchSize,
        @Nullable String readRole,
        @Nullable String workDir,
        @NotNull(message = "EXPORT_PROGRESS_INTERVAL must be a duration such as 10s") Duration progressInterval,
        @PositiveOrZero(message = "EXPORT_FAIL_AFTER_CLIENTS must be >= 0") int failAfterClients,
        @Positive(message = "EXPORT_READERS must be at least 1") int readers) {
}
