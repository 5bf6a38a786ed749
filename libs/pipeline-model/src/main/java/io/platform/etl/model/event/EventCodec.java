package io.platform.etl.model.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Locale;

/**
 * Turns record bytes into {@link Event}s and back. Thread-safe; create one per stage (or use {@link #DEFAULT}).
 * <p>
 * Numbers are kept exactly (decimals as {@link java.math.BigDecimal} without stripping trailing zeros, big
 * integers as {@link java.math.BigInteger}), so unknown fields are written back with the same meaning.
 * Trailing content after the JSON object is rejected as {@code not_json}.
 * <p>
 * A record is read in one streaming pass that checks all of it and notes where each top-level field starts; its
 * values become JSON nodes only when asked for ({@link FieldIndex}, ADR 0336). A record the pass rejects is read
 * once more as a tree, so the reason and message of a reject are those of the tree reader.
 */
public final class EventCodec {

    /** Default maximum record size: 1 MiB, Kafka's default {@code max.message.bytes}. */
    public static final int DEFAULT_MAX_BYTES = 1024 * 1024;

    /** A codec with {@link #DEFAULT_MAX_BYTES}. */
    public static final EventCodec DEFAULT = new EventCodec(DEFAULT_MAX_BYTES);

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** Reads one value where a parser stands, ignoring what follows it (the rest of the record). */
    private static final ObjectReader VALUE_READER = MAPPER.readerFor(JsonNode.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final int maxBytes;

    /** A codec rejecting records longer than {@code maxBytes} with reason {@code too_large}. */
    public EventCodec(int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The shared, immutable mapper events are read and written with. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    static ObjectReader valueReader() {
        return VALUE_READER;
    }

    /** The configured size limit in bytes. */
    public int maxBytes() {
        return maxBytes;
    }

    /**
     * Reads one record.
     *
     * @throws InvalidEventException with reason {@code too_large}, {@code not_json}, {@code not_object},
     *                               {@code missing_timestamp} or {@code bad_timestamp}
     */
    public Event decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidEventException(InvalidEventException.Reason.NOT_JSON, "record is empty");
        }
        if (bytes.length > maxBytes) {
            throw new InvalidEventException(InvalidEventException.Reason.TOO_LARGE,
                    "record is " + bytes.length + " bytes, limit is " + maxBytes);
        }
        FieldIndex index = index(bytes);
        if (index != null) {
            return Event.indexed(index);
        }
        return decodeTree(bytes);
    }

    /** The fields of a valid JSON object record, with {@code timestamp} read; null for anything else. */
    private static FieldIndex index(byte[] bytes) {
        try (JsonParser parser = MAPPER.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            FieldIndex index = new FieldIndex(bytes);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                index.add(name, parser.nextToken(), parser);
            }
            return parser.nextToken() == null ? index : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Event decodeTree(byte[] bytes) {
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new InvalidEventException(InvalidEventException.Reason.NOT_JSON,
                    "record is not valid JSON: " + shortMessage(e), e);
        }
        if (node == null || node.isMissingNode()) {
            throw new InvalidEventException(InvalidEventException.Reason.NOT_JSON, "record holds no JSON value");
        }
        if (!node.isObject()) {
            throw new InvalidEventException(InvalidEventException.Reason.NOT_OBJECT,
                    "record is a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT) + ", expected an object");
        }
        return Event.of((ObjectNode) node);
    }

    /** Writes an event as compact UTF-8 JSON. */
    public byte[] encode(Event event) {
        try {
            return MAPPER.writeValueAsBytes(event.node());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize an in-memory JSON tree", e);
        }
    }

    private static String shortMessage(IOException e) {
        String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        return message.length() > 200 ? message.substring(0, 200) + "…" : message;
    }
}
