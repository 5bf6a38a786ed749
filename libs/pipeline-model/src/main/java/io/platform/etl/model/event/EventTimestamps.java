package io.platform.etl.model.event;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads event-time values: an ISO-8601 instant string ({@code "2024-05-01T10:00:00Z"}, an offset such as
 * {@code +02:00} is converted to UTC) or epoch milliseconds as an integral JSON number or a string of digits
 * (optionally signed). Fractional numbers, booleans, containers and out-of-range values are not timestamps.
 */
public final class EventTimestamps {

    private EventTimestamps() {
    }

    /** The instant the node denotes, or empty when it is not a readable timestamp (including missing/null). */
    public static Optional<Instant> read(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        try {
            if (node.isIntegralNumber()) {
                return node.canConvertToLong() ? Optional.of(Instant.ofEpochMilli(node.longValue())) : Optional.empty();
            }
            if (node.isNumber()) {
                BigDecimal decimal = node.decimalValue();
                return Optional.of(Instant.ofEpochMilli(decimal.longValueExact()));
            }
            if (node.isTextual()) {
                return parseText(node.textValue().trim());
            }
        } catch (ArithmeticException | DateTimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Parses a string as an ISO-8601 instant or epoch milliseconds. */
    public static Optional<Instant> parseText(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        if (isEpochMillis(text)) {
            try {
                return Optional.of(Instant.ofEpochMilli(Long.parseLong(text)));
            } catch (NumberFormatException | DateTimeException e) {
                return Optional.empty();
            }
        }
        return parseIso(text);
    }

    /** Parses only the ISO-8601 instant form (no epoch digits); empty when the text is not one. */
    public static Optional<Instant> parseIso(String text) {
        if (text == null || text.length() < 20 || text.charAt(4) != '-' || text.charAt(10) != 'T') {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static boolean isEpochMillis(String text) {
        int start = text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0;
        if (start == text.length()) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
