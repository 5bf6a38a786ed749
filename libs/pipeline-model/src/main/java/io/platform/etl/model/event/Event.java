package io.platform.etl.model.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One record of the event stream: a JSON object whose known fields ({@code event_id}, {@code user_id},
 * {@code event_type}, {@code timestamp}, {@code amount}, {@code ip_address}) have typed accessors, and whose
 * other fields are kept untouched and written back by {@link #toBytes()}.
 * <p>
 * Every {@code Event} has a readable event time: construction fails with {@link InvalidEventException} otherwise.
 * Instances are immutable from the outside: {@link #json()} returns a copy, {@link #withField} a new event. An
 * event decoded from bytes reads a field's value only when it is asked for, and the whole tree only for
 * {@link #json()}, {@link #withFields}, {@link #toBytes()}, equality and {@link #toString()} (ADR 0336); confine an
 * event to one thread at a time (the usual hand-offs through executors and queues are enough).
 * The string accessors return the value's text for scalars (a number {@code 42} reads as {@code "42"}) and
 * {@code null} when the field is absent, JSON {@code null}, or an object/array.
 */
public final class Event {

    /** Field names of the event contract. */
    public static final String EVENT_ID = "event_id";
    public static final String USER_ID = "user_id";
    public static final String EVENT_TYPE = "event_type";
    public static final String TIMESTAMP = "timestamp";
    public static final String AMOUNT = "amount";
    public static final String IP_ADDRESS = "ip_address";

    /** The record's fields by position when it was decoded from bytes; null for an event built from a tree. */
    private final FieldIndex index;
    /** The whole JSON object: given, or read from the record's bytes the first time a caller needs all of it. */
    private ObjectNode node;
    private final Instant eventTime;

    private Event(FieldIndex index, ObjectNode node, Instant eventTime) {
        this.index = index;
        this.node = node;
        this.eventTime = eventTime;
    }

    /** Parses record bytes with {@link EventCodec#DEFAULT} (1 MiB limit). */
    public static Event parse(byte[] bytes) {
        return EventCodec.DEFAULT.decode(bytes);
    }

    /**
     * Wraps a JSON object (not copied: the caller must not change it afterwards).
     *
     * @throws InvalidEventException {@code missing_timestamp} or {@code bad_timestamp}
     */
    public static Event of(ObjectNode node) {
        Objects.requireNonNull(node, "node");
        return new Event(null, node, eventTime(node.get(TIMESTAMP)));
    }

    /** An event over a decoded record's field index (the codec's fast path). */
    static Event indexed(FieldIndex index) {
        return new Event(index, null, eventTime(index.get(TIMESTAMP)));
    }

    private static Instant eventTime(JsonNode timestamp) {
        if (timestamp == null || timestamp.isNull()) {
            throw new InvalidEventException(InvalidEventException.Reason.MISSING_TIMESTAMP,
                    "record has no \"timestamp\" field");
        }
        return EventTimestamps.read(timestamp).orElseThrow(() -> new InvalidEventException(
                InvalidEventException.Reason.BAD_TIMESTAMP,
                "\"timestamp\" is neither an ISO-8601 instant nor epoch milliseconds: " + abbreviate(timestamp)));
    }

    /** The record as compact UTF-8 JSON. */
    public byte[] toBytes() {
        return EventCodec.DEFAULT.encode(this);
    }

    /** A deep copy of the JSON object. */
    public ObjectNode json() {
        return node().deepCopy();
    }

    /** The live JSON object; package-private so only the codec reads it without copying. */
    ObjectNode node() {
        if (node == null) {
            try {
                node = (ObjectNode) EventCodec.mapper().readTree(index.bytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot re-read a checked record", e);
            }
        }
        return node;
    }

    /** The top-level value of {@code name}, or null when absent; package-private for {@link FieldPath}. */
    JsonNode top(String name) {
        return node != null ? node.get(name) : index.get(name);
    }

    /**
     * The node at a field path ({@code "amount"}, {@code "geo.country"}; see {@link FieldPath}). Never null:
     * an absent field is a {@code MissingNode}; JSON null is a {@code NullNode}. Do not modify the result.
     */
    public JsonNode field(String path) {
        return FieldPath.of(path).resolveIn(this);
    }

    /** The node at a compiled path; see {@link #field(String)}. */
    public JsonNode field(FieldPath path) {
        return path.resolveIn(this);
    }

    /** A new event with the top-level field set (replaced if present). */
    public Event withField(String name, JsonNode value) {
        return withFields(Map.of(name, value));
    }

    /** A new event with the given top-level fields set (replaced if present), in map iteration order. */
    public Event withFields(Map<String, ? extends JsonNode> fields) {
        ObjectNode copy = node().deepCopy();
        fields.forEach(copy::set);
        return fields.containsKey(TIMESTAMP) ? of(copy) : new Event(null, copy, eventTime);
    }

    public String eventId() {
        return text(EVENT_ID);
    }

    public String userId() {
        return text(USER_ID);
    }

    public String eventType() {
        return text(EVENT_TYPE);
    }

    public String ipAddress() {
        return text(IP_ADDRESS);
    }

    /** The event time read from {@code timestamp}. */
    public Instant eventTime() {
        return eventTime;
    }

    /** {@code amount} as a number (JSON number or numeric string); empty when absent, null or not numeric. */
    public Optional<BigDecimal> amount() {
        JsonNode amount = top(AMOUNT);
        if (amount == null) {
            return Optional.empty();
        }
        if (amount.isNumber()) {
            return Optional.of(amount.decimalValue());
        }
        if (amount.isTextual()) {
            try {
                return Optional.of(new BigDecimal(amount.textValue().trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private String text(String name) {
        JsonNode value = top(name);
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static String abbreviate(JsonNode value) {
        String text = value.toString();
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Event other && other.node().equals(node());
    }

    @Override
    public int hashCode() {
        return node().hashCode();
    }

    @Override
    public String toString() {
        return node().toString();
    }
}
