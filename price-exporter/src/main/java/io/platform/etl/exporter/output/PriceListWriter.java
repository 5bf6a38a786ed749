package io.platform.etl.exporter.output;

import io.platform.etl.exporter.catalog.PriceRow;
import java.io.IOException;

/** Writes one client's price list, row by row, in one format. {@link #finish()} completes the file. */
public interface PriceListWriter {

    void write(PriceRow row) throws IOException;

    /** Writes whatever trails the rows (e.g. the XLSX zip directory) and flushes; does not close the stream. */
    void finish() throws IOException;
}
