package io.platform.etl.exporter.csv;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Encodes CSV records straight to UTF-8 bytes in one reusable buffer and hands the stream full buffers, so
 * the file, the byte count and the SHA-256 see a few large writes instead of many small ones.
 *
 * <p>Quoting follows commons-csv's {@code QuoteMode.MINIMAL} exactly (which this replaced, so files keep
 * their bytes): a field is quoted when it contains the delimiter, a quote, CR or LF (RFC 4180), and also when
 * it starts with a character up to {@code '#'}, ends with one up to a space, or is an empty first field.
 * Quotes inside are doubled. Not thread-safe.
 */
final class CsvEncoder {

    private static final int BUFFER = 64 * 1024;
    private static final byte QUOTE = '"';

    private final OutputStream out;
    private final char delimiter;
    private final byte[] delimiterBytes;
    private byte[] buf = new byte[BUFFER];
    private int pos;
    private boolean firstField = true;

    CsvEncoder(OutputStream out, char delimiter) {
        this.out = out;
        this.delimiter = delimiter;
        this.delimiterBytes = String.valueOf(delimiter).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Writes raw bytes (e.g. a byte order mark). */
    void raw(byte[] bytes) throws IOException {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    /** Appends a field to the current record; {@code null} is an empty, unquoted field. */
    void field(String s) throws IOException {
        int len = s == null ? 0 : s.length();
        ensure(len * 3 + 2 + delimiterBytes.length); // UTF-8 takes at most 3 bytes per char (4 per pair)
        if (!firstField) {
            for (byte b : delimiterBytes) {
                buf[pos++] = b;
            }
        }
        if (s == null) {
            firstField = false;
            return;
        }
        if (needsQuotes(s, len, firstField)) {
            buf[pos++] = QUOTE;
            encode(s, len, true);
            buf[pos++] = QUOTE;
        } else {
            encode(s, len, false);
        }
        firstField = false;
    }

    /** Ends the record with CRLF. */
    void endRecord() throws IOException {
        ensure(2);
        buf[pos++] = '\r';
        buf[pos++] = '\n';
        firstField = true;
    }

    /** Writes what is buffered to the stream (does not flush the stream). */
    void drain() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }

    private boolean needsQuotes(String s, int len, boolean first) {
        if (len == 0) {
            return first; // an empty only field would read as an empty line
        }
        if (s.charAt(0) <= '#') {
            return true;
        }
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\n' || c == '\r' || c == delimiter) {
                return true;
            }
        }
        return s.charAt(len - 1) <= ' ';
    }

    private void encode(String s, int len, boolean doubleQuotes) {
        byte[] b = buf;
        int p = pos;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c == '"' && doubleQuotes) {
                    b[p++] = QUOTE; // fits: field() reserved 3 bytes for this 1-byte char
                }
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xF0 | cp >> 18);
                b[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
                b[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                b[p++] = '?'; // unpaired surrogate: what String.getBytes(UTF_8) writes
            } else {
                b[p++] = (byte) (0xE0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | c & 0x3F);
            }
        }
        pos = p;
    }

    private void ensure(int bytes) throws IOException {
        if (pos + bytes <= buf.length) {
            return;
        }
        drain();
        if (bytes > buf.length) {
            buf = java.util.Arrays.copyOf(buf, bytes);
        }
    }
}
