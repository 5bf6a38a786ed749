package io.platform.etl.exporter.output;

import java.io.IOException;
import java.io.OutputStream;

/** A file format a price list can be written in. */
public interface PriceListFormat {

    OutputFormat format();

    /** Starts a price list on the stream (writes the header). */
    PriceListWriter open(OutputStream out) throws IOException;
}
