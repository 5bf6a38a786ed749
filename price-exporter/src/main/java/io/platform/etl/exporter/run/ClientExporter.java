package io.platform.etl.exporter.run;

import io.platform.etl.exporter.catalog.PriceListPrefetcher;
import io.platform.etl.exporter.catalog.ExportClient;
import io.platform.etl.exporter.output.LocalFileWriter;
import io.platform.etl.exporter.output.OutputFormat;
import io.platform.etl.exporter.output.PriceListFormat;
import io.platform.etl.exporter.output.WrittenFile;
import io.platform.etl.exporter.storage.ObjectKeys;
import io.platform.etl.exporter.storage.ObjectStore;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Exports one client: a single pass over the price cursor feeds every requested format's local file; each
 * file is then uploaded and recorded in export_progress (which is what makes a failed run resumable).
 */
@Singleton
class ClientExporter {

    private final Map<OutputFormat, PriceListFormat> formats;
    private final ObjectStore store;
    private final ObjectKeys keys;
    private final ExportRunRepository runs;

    ClientExporter(List<PriceListFormat> formats, ObjectStore store, ObjectKeys keys,
                   ExportRunRepository runs) {
        this.formats = formats.stream().collect(Collectors.toMap(PriceListFormat::format, Function.identity()));
        this.store = store;
        this.keys = keys;
        this.runs = runs;
    }

    /** Writes the client's files in the wanted formats with one pass over the price cursor. */
    List<WrittenFile> write(PriceListPrefetcher catalog, LocalDate runDate, ExportClient client,
                            List<OutputFormat> wanted, Path workDir, ProgressTracker progress) throws Exception {
        Files.createDirectories(workDir);
        List<LocalFileWriter> writers = new ArrayList<>();
        List<WrittenFile> written = new ArrayList<>();
        boolean complete = false;
        try {
            for (OutputFormat format : wanted) {
                Path path = workDir.resolve("prices-" + client.code() + "-" + runDate + "." + format.extension());
                writers.add(new LocalFileWriter(formats.get(format), path));
            }
            catalog.next(row -> {
                for (LocalFileWriter writer : writers) {
                    writer.write(row);
                }
                progress.row();
            });
            for (LocalFileWriter writer : writers) {
                written.add(writer.finish());
            }
            complete = true;
            return written;
        } finally {
            for (LocalFileWriter writer : writers) {
                closeQuietly(writer);
            }
            if (!complete) {
                for (OutputFormat format : wanted) {
                    Files.deleteIfExists(workDir.resolve(
                            "prices-" + client.code() + "-" + runDate + "." + format.extension()));
                }
            }
        }
    }

    /** Uploads one written file, records it in export_progress, deletes the local copy. */
    void publish(UUID runId, LocalDate runDate, String clientCode, WrittenFile file) throws Exception {
        try {
            String key = keys.priceList(runDate, clientCode, file.format());
            String etag = store.upload(file.path(), key, file.format().contentType());
            runs.recordFile(runId, runDate, new ProgressEntry(clientCode, file.format(), key, file.rows(),
                    file.bytes(), file.sha256(), etag, Instant.now()));
        } finally {
            Files.deleteIfExists(file.path());
        }
    }

    private static void closeQuietly(LocalFileWriter writer) {
        try {
            writer.close();
        } catch (IOException ignored) {
            // the file is deleted next; a close failure after finish() has nothing left to lose
        }
    }
}
