package io.platform.etl.exporter.run;

import io.platform.etl.exporter.catalog.CatalogReader;
import io.platform.etl.exporter.catalog.ExportClient;
import io.platform.etl.exporter.csv.CsvPriceListExport;
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
 * Exports one client: CSV is copied out by the database, the other formats are written from one pass over
 * the client's rows; each file is then uploaded and recorded in export_progress (which is what makes a failed
 * run resumable). Thread-safe: each lane of a run calls it with its own reader.
 */
@Singleton
class ClientExporter {

    private final Map<OutputFormat, PriceListFormat> rowFormats;
    private final CsvPriceListExport csv;
    private final ObjectStore store;
    private final ObjectKeys keys;
    private final ExportRunRepository runs;

    ClientExporter(List<PriceListFormat> rowFormats, CsvPriceListExport csv, ObjectStore store, ObjectKeys keys,
                   ExportRunRepository runs) {
        this.rowFormats = rowFormats.stream().collect(Collectors.toMap(PriceListFormat::format, Function.identity()));
        this.csv = csv;
        this.store = store;
        this.keys = keys;
        this.runs = runs;
    }

    /** Writes the client's files in the wanted formats into the (existing) work directory. */
    List<WrittenFile> write(CatalogReader.Reader reader, LocalDate runDate, ExportClient client,
                            List<OutputFormat> wanted, Path workDir, ProgressTracker progress) throws Exception {
        List<LocalFileWriter> writers = new ArrayList<>();
        List<WrittenFile> written = new ArrayList<>();
        boolean complete = false;
        try {
            if (wanted.contains(OutputFormat.CSV)) {
                written.add(csv.write(reader, client, runDate, path(workDir, client, runDate, OutputFormat.CSV),
                        progress::row));
            }
            for (OutputFormat format : wanted) {
                if (format != OutputFormat.CSV) {
                    writers.add(new LocalFileWriter(rowFormats.get(format), path(workDir, client, runDate, format)));
                }
            }
            if (!writers.isEmpty()) {
                boolean countRows = !wanted.contains(OutputFormat.CSV); // else counted as the CSV was copied
                reader.streamPrices(client, runDate, row -> {
                    for (LocalFileWriter writer : writers) {
                        writer.write(row);
                    }
                    if (countRows) {
                        progress.row();
                    }
                });
                for (LocalFileWriter writer : writers) {
                    written.add(writer.finish());
                }
            }
            complete = true;
            return written;
        } finally {
            for (LocalFileWriter writer : writers) {
                closeQuietly(writer);
            }
            if (!complete) {
                for (OutputFormat format : wanted) {
                    Files.deleteIfExists(path(workDir, client, runDate, format));
                }
            }
        }
    }

    private static Path path(Path workDir, ExportClient client, LocalDate runDate, OutputFormat format) {
        return workDir.resolve("prices-" + client.code() + "-" + runDate + "." + format.extension());
    }

    /** Uploads one written file, records it in export_progress, deletes the local copy. */
    void publish(UUID runId, LocalDate runDate, String clientCode, WrittenFile file) throws Exception {
        try {
            String key = keys.priceList(runDate, clientCode, file.format());
            String etag = store.upload(file, key);
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
