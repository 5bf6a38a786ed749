package io.platform.etl.exporter.run;

import io.platform.etl.exporter.output.OutputFormat;
import java.time.Instant;

/** One published file of a run date, as recorded in {@code export_progress}. */
public record ProgressEntry(String clientCode, OutputFormat format, String objectKey, long rows, long bytes,
                            String sha256, String etag, Instant uploadedAt) {
}
