package io.platform.etl.model.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
