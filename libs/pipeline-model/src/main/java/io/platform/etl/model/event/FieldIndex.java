package io.platform.etl.model.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where each top-level field of a record starts in its bytes, found by the one streaming pass that also checked the
 * whole record is valid JSON (ADR 0336). A value becomes a {@link JsonNode} only when a stage asks for it, so a
 * stage reading two fields of a record does not build a tree of all of them. The nodes equal what
 * {@link EventCodec#mapper()}{@code .readTree} gives for the same value; a repeated name resolves to its last
 * occurrence, as in the tree. Confined to one thread at a time (hand-offs through executors and queues are fine).
 */
final class FieldIndex {

    private static final byte STRING = 0;
    private static final byte NUMBER = 1;
    private static final byte TRUE = 2;
    private static final byte FALSE = 3;
    private static final byte NULL = 4;
    private static final byte CONTAINER = 5;

    private final byte[] bytes;
    private String[] names = new String[12];
    private int[] starts = new int[12];
    private int[] ends = new int[12];
    private byte[] kinds = new byte[12];
    private JsonNode[] values = new JsonNode[12];
    private int size;

    FieldIndex(byte[] bytes) {
        this.bytes = bytes;
    }

    byte[] bytes() {
        return bytes;
    }

    /**
     * Adds the field whose value token {@code parser} is at. Containers are skipped (their tokens still checked);
     * a number's end is taken now, as it is the only value a parser cannot read on its own from where it starts.
     */
    void add(String name, JsonToken token, JsonParser parser) throws IOException {
        if (size == names.length) {
            int n = size * 2;
            names = Arrays.copyOf(names, n);
            starts = Arrays.copyOf(starts, n);
            ends = Arrays.copyOf(ends, n);
            kinds = Arrays.copyOf(kinds, n);
            values = Arrays.copyOf(values, n);
        }
        names[size] = name;
        starts[size] = tokenStart(parser);
        kinds[size] = switch (token) {
            case VALUE_STRING -> STRING;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> NUMBER;
            case VALUE_TRUE -> TRUE;
            case VALUE_FALSE -> FALSE;
            case VALUE_NULL -> NULL;
            default -> CONTAINER;
        };
        ends[size] = kinds[size] == NUMBER ? numberEnd(starts[size]) : bytes.length;
        if (kinds[size] == CONTAINER) {
            parser.skipChildren();
        }
        size++;
    }

    /**
     * Where the current value token starts. Jackson's byte parser keeps it as a number one past the start; asking for
     * a {@link com.fasterxml.jackson.core.JsonLocation} allocates one per field, a tenth of a record's garbage.
     */
    private static int tokenStart(JsonParser parser) {
        return parser instanceof UTF8StreamJsonParser p ? (int) p.getTokenCharacterOffset() - 1
                : (int) parser.currentTokenLocation().getByteOffset();
    }

    /** The end of the number starting at {@code start}, which the streaming pass already checked. */
    private int numberEnd(int start) {
        int j = start;
        while (j < bytes.length && isNumberByte(bytes[j])) {
            j++;
        }
        return j;
    }

    private static boolean isNumberByte(byte b) {
        return (b >= '0' && b <= '9') || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E';
    }

    /** The top-level value of {@code name}, or null when the record has no such field. */
    JsonNode get(String name) {
        for (int i = size - 1; i >= 0; i--) {
            if (names[i].equals(name)) {
                JsonNode value = values[i];
                if (value == null) {
                    value = read(i);
                    values[i] = value;
                }
                return value;
            }
        }
        return null;
    }

    private JsonNode read(int i) {
        return switch (kinds[i]) {
            case TRUE -> BooleanNode.TRUE;
            case FALSE -> BooleanNode.FALSE;
            case NULL -> NullNode.getInstance();
            case STRING -> {
                String ascii = plainAscii(starts[i]);
                yield ascii != null ? TextNode.valueOf(ascii) : parse(i);
            }
            case NUMBER -> {
                JsonNode integer = plainInteger(starts[i], ends[i]);
                yield integer != null ? integer : parse(i);
            }
            default -> parse(i);
        };
    }

    /** The text of a string value without escapes or non-ASCII bytes, straight from the bytes; else null. */
    private String plainAscii(int quote) {
        for (int j = quote + 1; j < bytes.length; j++) {
            byte b = bytes[j];
            if (b == '"') {
                return new String(bytes, quote + 1, j - quote - 1, StandardCharsets.ISO_8859_1);
            }
            if (b == '\\' || b < 0) {
                return null;
            }
        }
        return null;
    }

    /**
     * An integer of at most 18 digits straight from the bytes, as the tree reader types it (int when it fits, else
     * long); null for anything else (fractions, exponents, longer integers). A parser per number was a tenth of a
     * record's garbage in the stage-dedupe bench (its {@code timestamp} is epoch millis).
     */
    private JsonNode plainInteger(int start, int end) {
        int j = start;
        boolean negative = bytes[j] == '-';
        if (negative) {
            j++;
        }
        if (end - j < 1 || end - j > 18) {
            return null;
        }
        long value = 0;
        for (; j < end; j++) {
            byte b = bytes[j];
            if (b < '0' || b > '9') {
                return null;
            }
            value = value * 10 + (b - '0');
        }
        value = negative ? -value : value;
        return value == (int) value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
    }

    private JsonNode parse(int i) {
        try (JsonParser parser = EventCodec.mapper().createParser(bytes, starts[i], ends[i] - starts[i])) {
            JsonToken token = parser.nextToken();
            return switch (token) {
                case VALUE_STRING -> TextNode.valueOf(parser.getText());
                case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                    case INT -> IntNode.valueOf(parser.getIntValue());
                    case LONG -> LongNode.valueOf(parser.getLongValue());
                    default -> BigIntegerNode.valueOf(parser.getBigIntegerValue());
                };
                case VALUE_NUMBER_FLOAT -> DecimalNode.valueOf(parser.getDecimalValue());
                default -> EventCodec.valueReader().readTree(parser);
            };
        } catch (IOException e) {
            // The streaming pass already read this value: failing now is a bug, not bad input.
            throw new UncheckedIOException("cannot re-read field \"" + names[i] + "\" of a checked record", e);
        }
    }
}
