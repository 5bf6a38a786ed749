package io.platform.etl.exporter.output;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A local file being written, counting its bytes and hashing them (SHA-256) as they go by. */
public final class HashedFile implements AutoCloseable {

    /** What a finished file is: its size and the hex SHA-256 of its bytes. */
    public record Digest(long bytes, String sha256) {
    }

    private final MessageDigest digest;
    private final CountingOutputStream counting;
    private final OutputStream stream;

    public HashedFile(Path path) throws IOException {
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.counting = new CountingOutputStream(Files.newOutputStream(path));
        this.stream = new BufferedOutputStream(new DigestOutputStream(counting, digest), 64 * 1024);
    }

    /** The buffered stream to write the content to; {@link #finish()} closes it. */
    public OutputStream stream() {
        return stream;
    }

    /** Flushes and closes the file and returns its size and hash. */
    public Digest finish() throws IOException {
        stream.close();
        return new Digest(counting.count, HexFormat.of().formatHex(digest.digest()));
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }

    private static final class CountingOutputStream extends FilterOutputStream {
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
    }
}
