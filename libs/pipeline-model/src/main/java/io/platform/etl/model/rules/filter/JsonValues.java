package io.platform.etl.model.rules.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.platform.etl.model.event.EventCodec;
import io.platform.etl.model.event.EventTimestamps;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** Value comparisons shared by the filter validator and evaluator. */
final class JsonValues {

    private JsonValues() {
    }

    static JsonNode toNode(Object value) {
        return value instanceof JsonNode node ? node : EventCodec.mapper().valueToTree(value);
    }

    /** A JSON number, or a string holding a decimal number; empty otherwise. */
    static Optional<BigDecimal> numeric(JsonNode node) {
        try {
            if (node.isNumber()) {
                return Optional.of(node.decimalValue());
            }
            if (node.isTextual()) {
                String text = node.textValue().strip();
                if (!text.isEmpty() && isNumberSyntax(text)) {
                    return Optional.of(new BigDecimal(text));
                }
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The bound of gt/gte/lt/lte: a {@link BigDecimal} (number or numeric string) or an {@link Instant}. */
    static Optional<Comparable<?>> orderingOperand(JsonNode node) {
        Optional<BigDecimal> number = numeric(node);
        if (number.isPresent()) {
            return Optional.of(number.get());
        }
        if (node.isTextual()) {
            return EventTimestamps.parseIso(node.textValue().strip()).map(i -> i);
        }
        return Optional.empty();
    }

    /**
     * Equality of the {@code equals}/{@code in} operators: numbers numerically ({@code 1 == 1.0}), strings
     * exactly, booleans, null with null, objects and arrays structurally; different JSON types never match.
     */
    static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.getNodeType() != b.getNodeType()) {
            return false;
        }
        return a.equals(b);
    }

    /** A hash key consistent with {@link #sameValue}: numbers normalised, other values by their node. */
    static Object key(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue().stripTrailingZeros();
        }
        return node;
    }

    /** Reads a field value as time for comparison with an instant bound. */
    static Optional<Instant> time(JsonNode node) {
        return EventTimestamps.read(node);
    }

    private static boolean isNumberSyntax(String text) {
        // BigDecimal accepts exactly these characters; rejecting others first avoids an exception per value
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return false;
            }
        }
        return true;
    }
}
