package io.platform.etl.exporter.output;

import io.platform.etl.exporter.catalog.PriceRow;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Writes a price list to a local file, counting rows and bytes and hashing (SHA-256) as it goes. */
public final class LocalFileWriter implements AutoCloseable {

    private final OutputFormat format;
    private final Path path;
    private final MessageDigest digest;
    private final CountingOutputStream counting;
    private final OutputStream stream;
    private final PriceListWriter writer;
    private long rows;

    public LocalFileWriter(PriceListFormat format, Path path) throws IOException {
        this.format = format.format();
        this.path = path;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.counting = new CountingOutputStream(Files.newOutputStream(path));
        this.stream = new BufferedOutputStream(new DigestOutputStream(counting, digest), 64 * 1024);
        this.writer = format.open(stream);
    }

    public void write(PriceRow row) throws IOException {
        writer.write(row);
        rows++;
    }

    /** Completes the file and returns its description. */
    public WrittenFile finish() throws IOException {
        writer.finish();
        stream.close();
        return new WrittenFile(format, path, rows, counting.count(), HexFormat.of().formatHex(digest.digest()));
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }

    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        long count() {
            return count;
        }
    }
}
