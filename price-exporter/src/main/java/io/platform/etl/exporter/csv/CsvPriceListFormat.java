package io.platform.etl.exporter.csv;

import io.platform.etl.exporter.catalog.PriceRow;
import io.platform.etl.exporter.config.CsvProperties;
import io.platform.etl.exporter.output.OutputFormat;
import io.platform.etl.exporter.output.PriceListFormat;
import io.platform.etl.exporter.output.PriceListWriter;
import io.platform.etl.exporter.output.Prices;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/** RFC 4180 CSV in UTF-8: CRLF records, fields quoted only when they contain a delimiter, quote or newline. */
@Singleton
public class CsvPriceListFormat implements PriceListFormat {

    private static final int FLUSH_CHARS = 32 * 1024;

    private final CSVFormat csvFormat;
    private final boolean bom;

    public CsvPriceListFormat(CsvProperties props) {
        this.csvFormat = CSVFormat.RFC4180.builder()
                .setDelimiter(props.delimiterChar())
                .setQuoteMode(QuoteMode.MINIMAL)
                .setRecordSeparator("\r\n")
                .get();
        this.bom = props.bom();
    }

    @Override
    public OutputFormat format() {
        return OutputFormat.CSV;
    }

    @Override
    public PriceListWriter open(OutputStream out) throws IOException {
        // Records are printed into a buffer and encoded in blocks: String.getBytes(UTF_8) is several times
        // cheaper per character than an OutputStreamWriter's encoder loop.
        StringBuilder buffer = new StringBuilder(FLUSH_CHARS + 1024);
        if (bom) {
            buffer.append('\uFEFF');
        }
        CSVPrinter printer = new CSVPrinter(buffer, csvFormat);
        printer.printRecord(PriceRow.HEADER);
        return new PriceListWriter() {
            @Override
            public void write(PriceRow row) throws IOException {
                printer.printRecord(row.sku(), row.product(), row.categoryPath(), Prices.format(row.price()),
                        row.currency(), row.priceSource(), iso(row.validFrom()), iso(row.validTo()));
                if (buffer.length() >= FLUSH_CHARS) {
                    drain();
                }
            }

            @Override
            public void finish() throws IOException {
                drain();
                out.flush();
            }

            private void drain() throws IOException {
                out.write(buffer.toString().getBytes(StandardCharsets.UTF_8));
                buffer.setLength(0);
            }
        };
    }

    private static String iso(LocalDate date) {
        return date == null ? "" : date.toString();
    }
}
