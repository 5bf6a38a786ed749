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
        Instant fast = parseUtc(text);
        if (fast != null) {
            return Optional.of(fast);
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The common form {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} without {@code DateTimeFormatter}, which cost as much CPU
     * as parsing the whole JSON record (ADR 0331); null for anything else (leap seconds, offsets, other years),
     * which {@link Instant#parse} then reads with its full rules.
     */
    static Instant parseUtc(String t) {
        int n = t.length();
        if (n < 20 || t.charAt(n - 1) != 'Z' || t.charAt(4) != '-' || t.charAt(10) != 'T' || t.charAt(7) != '-' || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21;
            if (t.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            int value = digits(t, 20, n - 1);
            if (value < 0) {
                return null;
            }
            nanos = value * (int) Math.pow(10, 9 - fraction);
        }
        if (day > 28 && day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second, nanos);
    }

    /** The decimal value of t[from, to), or -1 when a character is not an ASCII digit. */
    private static int digits(String t, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
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
