package io.platform.etl.stage.dedupe.key;

import com.fasterxml.jackson.databind.JsonNode;
import io.platform.etl.model.event.Event;
import io.platform.etl.model.event.FieldPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * Compiles {@code key_fields} into a function from an event to its {@link KeyHash}. The hashed bytes are, per field,
 * the field name and the value's compact JSON, each length-prefixed: so {@code ["a","b"]} and {@code ["b","a"]}, or
 * {@code "1"} and {@code 1}, never share a key, and a change of key fields starts a fresh key space. A field that is
 * absent or JSON null makes the key missing (empty), never a shared "null" key.
 */
public final class KeyHasher {

    private static final int SEED = 0x5eed_d3d0;

    private final List<FieldPath> fields;
    private final byte[][] names;

    public KeyHasher(List<String> keyFields) {
        if (keyFields.isEmpty()) {
            throw new IllegalArgumentException("key_fields must not be empty");
        }
        this.fields = keyFields.stream().map(FieldPath::of).toList();
        this.names = fields.stream().map(f -> f.path().getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    }

    public List<String> fieldNames() {
        return fields.stream().map(FieldPath::path).toList();
    }

    /** The key of the event, or empty when a key field is absent or null. */
    public Optional<KeyHash> hash(Event event) {
        byte[][] values = new byte[names.length][];
        int size = 0;
        for (int i = 0; i < names.length; i++) {
            JsonNode value = event.field(fields.get(i));
            if (value.isMissingNode() || value.isNull()) {
                return Optional.empty();
            }
            values[i] = compactJson(value);
            size += 8 + names[i].length + values[i].length;
        }
        // One array of the exact size: a growing stream's copies were a tenth of the keying thread's allocations.
        byte[] bytes = new byte[size];
        int at = 0;
        for (int i = 0; i < names.length; i++) {
            at = writeChunk(bytes, at, names[i]);
            at = writeChunk(bytes, at, values[i]);
        }
        long[] h = MurmurHash3.hash128x64(bytes, 0, bytes.length, SEED);
        return Optional.of(new KeyHash(h[0], h[1]));
    }

    /** The first absent or null key field, for error messages; empty when the key is complete. */
    public Optional<String> missingField(Event event) {
        return fields.stream().filter(f -> {
            JsonNode value = event.field(f);
            return value.isMissingNode() || value.isNull();
        }).map(FieldPath::path).findFirst();
    }

    /**
     * The value's compact JSON, as {@code JsonNode.toString()} writes it; strings without characters JSON escapes and
     * int/long numbers without Jackson's writer (a third of the keying thread in the bench profile).
     */
    static byte[] compactJson(JsonNode value) {
        if (value.isTextual()) {
            String text = value.textValue();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20 || c == '"' || c == '\\') {
                    return value.toString().getBytes(StandardCharsets.UTF_8);
                }
            }
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[utf8.length + 2];
            out[0] = '"';
            System.arraycopy(utf8, 0, out, 1, utf8.length);
            out[out.length - 1] = '"';
            return out;
        }
        if (value.isInt() || value.isLong()) {
            return Long.toString(value.longValue()).getBytes(StandardCharsets.US_ASCII);
        }
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int writeChunk(byte[] out, int at, byte[] chunk) {
        int n = chunk.length;
        out[at] = (byte) (n >>> 24);
        out[at + 1] = (byte) (n >>> 16);
        out[at + 2] = (byte) (n >>> 8);
        out[at + 3] = (byte) n;
        System.arraycopy(chunk, 0, out, at + 4, n);
        return at + 4 + n;
    }
}
