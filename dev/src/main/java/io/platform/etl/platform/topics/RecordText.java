package io.platform.etl.platform.topics;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * How {@code ./platform tail} shows one record: a rule naming topic, partition, offset, time and key; the headers
 * when asked for; then the value as indented JSON, or as text when it is not JSON (a dead letter often is not).
 */
public final class RecordText {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordText() {
    }

    /** @param headers header name and raw value, in record order */
    public static String format(String topic, int partition, long offset, long timestampMillis, byte[] key,
            List<Map.Entry<String, byte[]>> headers, boolean showHeaders, byte[] value) {
        StringBuilder out = new StringBuilder("── ").append(topic).append(" · partition ").append(partition)
                .append(" · offset ").append(offset).append(" · ").append(Instant.ofEpochMilli(timestampMillis));
        if (key != null) {
            out.append(" · key ").append(text(key));
        }
        out.append('\n');
        if (showHeaders) {
            headers.forEach(h -> out.append("  ").append(h.getKey()).append(": ").append(text(h.getValue())).append('\n'));
        }
        return out.append(value == null ? "(null value)" : pretty(value)).append('\n').toString();
    }

    static String pretty(byte[] value) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(value));
        } catch (IOException e) {
            return text(value);
        }
    }

    /** UTF-8 text when it decodes to printable characters, else hex (e.g. a binary header). */
    static String text(byte[] bytes) {
        if (bytes == null) {
            return "(null)";
        }
        String s = new String(bytes, StandardCharsets.UTF_8);
        boolean printable = s.chars().allMatch(c -> c == '\n' || c == '\t' || (c >= 0x20 && c != 0xFFFD && c != 0x7F));
        return printable ? s : "0x" + HexFormat.of().formatHex(bytes);
    }
}
