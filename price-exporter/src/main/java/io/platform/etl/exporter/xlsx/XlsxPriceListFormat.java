package io.platform.etl.exporter.xlsx;

import io.platform.etl.exporter.catalog.PriceRow;
import io.platform.etl.exporter.output.OutputFormat;
import io.platform.etl.exporter.output.PriceListFormat;
import io.platform.etl.exporter.output.PriceListWriter;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Streaming XLSX (fastexcel): prices are numbers, validity dates are dates, the header row is bold and
 * frozen. Rows are flushed to the stream every {@value #FLUSH_EVERY} rows so memory stays flat; a list
 * longer than one sheet allows continues on the next sheet.
 */
@Singleton
public class XlsxPriceListFormat implements PriceListFormat {

    static final int FLUSH_EVERY = 1000;
    static final int MAX_ROWS_PER_SHEET = 1_048_576;
    private static final String DATE_FORMAT = "yyyy-mm-dd";
    private static final String PRICE_FORMAT = "#,##0.00##";
    private static final double[] WIDTHS = {16, 40, 40, 12, 9, 12, 12, 12};

    @Override
    public OutputFormat format() {
        return OutputFormat.XLSX;
    }

    @Override
    public PriceListWriter open(OutputStream out) {
        Workbook workbook = new Workbook(out, "price-exporter", "1.0");
        return new SheetWriter(workbook);
    }

    private static final class SheetWriter implements PriceListWriter {
        private final Workbook workbook;
        private Worksheet sheet;
        private int sheets;
        private int row;

        SheetWriter(Workbook workbook) {
            this.workbook = workbook;
            newSheet();
        }

        private void newSheet() {
            sheets++;
            sheet = workbook.newWorksheet(sheets == 1 ? "Prices" : "Prices " + sheets);
            for (int c = 0; c < PriceRow.HEADER.size(); c++) {
                sheet.value(0, c, PriceRow.HEADER.get(c));
                sheet.width(c, WIDTHS[c]);
            }
            sheet.range(0, 0, 0, PriceRow.HEADER.size() - 1).style().bold().set();
            sheet.freezePane(0, 1);
            row = 1;
        }

        @Override
        public void write(PriceRow r) throws IOException {
            if (row == MAX_ROWS_PER_SHEET) {
                sheet.finish();
                newSheet();
            }
            sheet.value(row, 0, r.sku());
            sheet.value(row, 1, r.product());
            sheet.value(row, 2, r.categoryPath());
            sheet.value(row, 3, new BigDecimal(r.price()));
            sheet.style(row, 3).format(PRICE_FORMAT).set();
            sheet.value(row, 4, r.currency());
            sheet.value(row, 5, r.priceSource());
            date(6, r.validFrom());
            date(7, r.validTo());
            row++;
            if (row % FLUSH_EVERY == 0) {
                sheet.flush();
            }
        }

        private void date(int column, String value) {
            if (value != null) {
                sheet.value(row, column, LocalDate.parse(value));
                sheet.style(row, column).format(DATE_FORMAT).set();
            }
        }

        @Override
        public void finish() throws IOException {
            workbook.finish();
        }
    }
}
