package io.platform.etl.exporter.storage;

import io.micronaut.json.JsonMapper;
import io.platform.etl.exporter.output.OutputFormat;
import io.platform.etl.exporter.run.ProgressEntry;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Builds the manifest from what export_progress says is published and uploads it. */
@Singleton
public class ManifestPublisher {

    private final ObjectStore store;
    private final ObjectKeys keys;
    private final JsonMapper json;

    public ManifestPublisher(ObjectStore store, ObjectKeys keys, JsonMapper json) {
        this.store = store;
        this.keys = keys;
        this.json = json;
    }

    /** Publishes the manifest listing the given clients' files in the given formats; returns its key. */
    public String publish(UUID runId, LocalDate runDate, Set<String> clients, List<OutputFormat> formats,
                          Collection<ProgressEntry> published) throws IOException {
        List<Manifest.Entry> files = published.stream()
                .filter(e -> clients.contains(e.clientCode()) && formats.contains(e.format()))
                .map(e -> new Manifest.Entry(e.clientCode(), e.format().extension(), e.objectKey(), e.rows(),
                        e.bytes(), e.sha256(), e.etag()))
                .toList();
        long totalRows = files.stream().filter(f -> f.format().equals(formats.getFirst().extension()))
                .mapToLong(Manifest.Entry::rows).sum();
        Manifest manifest = new Manifest(runDate.toString(), runId.toString(), Instant.now().toString(),
                formats.stream().map(OutputFormat::extension).toList(), clients.size(), totalRows, files);
        String key = keys.manifest(runDate);
        store.put(key, json.writeValueAsBytes(manifest), "application/json");
        return key;
    }
}
