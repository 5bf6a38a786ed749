package io.platform.etl.exporter.notify;

import io.platform.etl.exporter.run.ExportResult;
import java.util.Locale;

/** Human-readable one-paragraph summary of a run, for chat notifications. */
public final class RunSummary {

    private RunSummary() {
    }

    public static String of(ExportResult r, String bucket) {
        String took = String.format(Locale.ROOT, "%.1f s", r.duration().toMillis() / 1000.0);
        return switch (r.status()) {
            case SUCCEEDED -> String.format(Locale.ROOT,
                    "✅ Price export %s succeeded: %d clients (%d resumed from an earlier attempt), %d files, %d rows in %s."
                            + " Manifest: s3://%s/%s. Run %s",
                    r.runDate(), r.clientsTotal(), r.clientsResumed(), r.files(), r.rows(), took, bucket,
                    r.manifestKey(), r.runId());
            case SKIPPED -> String.format(Locale.ROOT,
                    "ℹ️ Price export %s: already published (%d clients), nothing to do. Run %s",
                    r.runDate(), r.clientsTotal(), r.runId());
            default -> String.format(Locale.ROOT,
                    "❌ Price export %s FAILED after %s: %s. Clients done: %d/%d (%d files, %d rows); the next run"
                            + " resumes from there. Run %s",
                    r.runDate(), took, r.error(), r.clientsDone() + r.clientsResumed(), r.clientsTotal(), r.files(),
                    r.rows(), r.runId());
        };
    }

    /** Summary of a run that never started. */
    public static String notStarted(String reason) {
        return "❌ Price export did not start: " + reason;
    }
}
