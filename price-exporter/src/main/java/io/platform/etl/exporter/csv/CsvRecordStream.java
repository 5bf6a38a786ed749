package io.platform.etl.exporter.csv;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Turns the LF that ends each CSV record into CRLF (RFC 4180) and reports each record; line breaks inside
 * quoted fields are data and pass unchanged. Works on UTF-8 bytes: a quote or LF byte is never part of a
 * multi-byte character.
 */
final class CsvRecordStream extends OutputStream {

    private static final byte[] CRLF = {'\r', '\n'};

    private final OutputStream out;
    private final Runnable onRecord;
    private boolean quoted;

    CsvRecordStream(OutputStream out, Runnable onRecord) {
        this.out = out;
        this.onRecord = onRecord;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (c == '"') {
                quoted = !quoted; // a doubled quote inside a field toggles twice
            } else if (c == '\n' && !quoted) {
                out.write(b, start, i - start);
                out.write(CRLF);
                start = i + 1;
                onRecord.run();
            }
        }
        out.write(b, start, end - start);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
