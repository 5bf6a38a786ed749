package io.platform.etl.exporter.csv;

import io.platform.etl.exporter.catalog.CatalogReader;
import io.platform.etl.exporter.catalog.ExportClient;
import io.platform.etl.exporter.catalog.PriceRow;
import io.platform.etl.exporter.config.CsvProperties;
import io.platform.etl.exporter.output.HashedFile;
import io.platform.etl.exporter.output.OutputFormat;
import io.platform.etl.exporter.output.WrittenFile;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * Writes a client's price list as RFC 4180 CSV in UTF-8: optional BOM, the header row, then the records as
 * PostgreSQL's {@code COPY … (FORMAT csv)} renders them (fields quoted only when they hold the delimiter, a
 * quote or a line break), with CRLF record ends. The server formats; this side only moves bytes to the file
 * and hashes them (ADR 0104).
 */
@Singleton
public class CsvPriceListExport {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final char delimiter;
    private final boolean bom;
    private final byte[] header;

    public CsvPriceListExport(CsvProperties props) {
        this.delimiter = props.delimiterChar();
        this.bom = props.bom();
        this.header = header(delimiter);
    }

    /** Writes the list to the file; {@code onRecord} runs once per price row written. */
    public WrittenFile write(CatalogReader.Reader reader, ExportClient client, LocalDate runDate, Path path,
                             Runnable onRecord) throws IOException, SQLException {
        try (HashedFile file = new HashedFile(path)) {
            if (bom) {
                file.stream().write(BOM);
            }
            file.stream().write(header);
            long rows = reader.copyCsv(client, runDate, delimiter, new CsvRecordStream(file.stream(), onRecord));
            HashedFile.Digest digest = file.finish();
            return new WrittenFile(OutputFormat.CSV, path, rows, digest.bytes(), digest.sha256());
        }
    }

    private static byte[] header(char delimiter) {
        StringBuilder line = new StringBuilder();
        for (String title : PriceRow.HEADER) {
            if (!line.isEmpty()) {
                line.append(delimiter);
            }
            line.append(title.indexOf(delimiter) >= 0 ? '"' + title + '"' : title);
        }
        return line.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
