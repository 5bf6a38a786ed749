package io.platform.etl.exporter.storage;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * {@code manifest.json} of a run date: the complete list of published price lists. It is written last, so a
 * reader that starts from the manifest never sees a half-published run.
 */
@Serdeable
public record Manifest(@JsonProperty("run_date") String runDate,
                       @JsonProperty("run_id") String runId,
                       @JsonProperty("generated_at") String generatedAt,
                       List<String> formats,
                       int clients,
                       @JsonProperty("total_rows") long totalRows,
                       List<Entry> files) {

    /** One published object. {@code rows} excludes the header. */
    @Serdeable
    public record Entry(String client, String format, String key, long rows, long bytes, String sha256,
                        String etag) {
    }
}
