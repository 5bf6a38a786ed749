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

/** RFC 4180 CSV in UTF-8: CRLF records, fields quoted only when they need it (see {@link CsvEncoder}). */
@Singleton
public class CsvPriceListFormat implements PriceListFormat {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final char delimiter;
    private final boolean bom;

    public CsvPriceListFormat(CsvProperties props) {
        this.delimiter = props.delimiterChar();
        this.bom = props.bom();
    }

    @Override
    public OutputFormat format() {
        return OutputFormat.CSV;
    }

    @Override
    public PriceListWriter open(OutputStream out) throws IOException {
        CsvEncoder csv = new CsvEncoder(out, delimiter);
        if (bom) {
            csv.raw(BOM);
        }
        for (String title : PriceRow.HEADER) {
            csv.field(title);
        }
        csv.endRecord();
        return new PriceListWriter() {
            @Override
            public void write(PriceRow row) throws IOException {
                csv.field(row.sku());
                csv.field(row.product());
                csv.field(row.categoryPath());
                csv.field(Prices.format(row.price()));
                csv.field(row.currency());
                csv.field(row.priceSource());
                csv.field(row.validFrom() == null ? "" : row.validFrom());
                csv.field(row.validTo() == null ? "" : row.validTo());
                csv.endRecord();
            }

            @Override
            public void finish() throws IOException {
                csv.drain();
                out.flush();
            }
        };
    }
}
