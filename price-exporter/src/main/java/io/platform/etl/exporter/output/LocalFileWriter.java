package io.platform.etl.exporter.output;

import io.platform.etl.exporter.catalog.PriceRow;
import java.io.IOException;
import java.nio.file.Path;

/** Writes a price list row by row in a {@link PriceListFormat} to a local file, counting rows and hashing. */
public final class LocalFileWriter implements AutoCloseable {

    private final OutputFormat format;
    private final Path path;
    private final HashedFile file;
    private final PriceListWriter writer;
    private long rows;

    public LocalFileWriter(PriceListFormat format, Path path) throws IOException {
        this.format = format.format();
        this.path = path;
        this.file = new HashedFile(path);
        this.writer = format.open(file.stream());
    }

    public void write(PriceRow row) throws IOException {
        writer.write(row);
        rows++;
    }

    /** Completes the file and returns its description. */
    public WrittenFile finish() throws IOException {
        writer.finish();
        HashedFile.Digest digest = file.finish();
        return new WrittenFile(format, path, rows, digest.bytes(), digest.sha256());
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
