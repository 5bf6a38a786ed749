package io.platform.etl.exporter.run;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Outcome of one export attempt.
 *
 * @param clientsResumed clients skipped because an earlier attempt for the same date already published them
 * @param files          files uploaded by this attempt
 * @param rows           rows written by this attempt (per client, counted once whatever the number of formats)
 */
public record ExportResult(UUID runId, LocalDate runDate, RunStatus status, int clientsTotal, int clientsDone,
                           int clientsResumed, int files, long rows, Duration duration,
                           @Nullable String manifestKey, @Nullable String error) {

    public boolean succeeded() {
        return status == RunStatus.SUCCEEDED || status == RunStatus.SKIPPED;
    }
}
