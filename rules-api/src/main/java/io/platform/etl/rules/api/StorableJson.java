package io.platform.etl.rules.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.platform.etl.model.rules.RuleViolation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What PostgreSQL's {@code jsonb} cannot hold, found before anything is stored: strings (values or member names)
 * with U+0000 or a lone UTF-16 surrogate ({@code "\u0000"}, {@code "\ud800"} are valid JSON escapes), and numbers
 * beyond {@code numeric}'s range. Each is reported with its JSON path, so the client gets a 422 instead of a 500.
 */
public final class StorableJson {

    /** PostgreSQL numeric: up to 131072 digits before the decimal point and 16383 after. */
    private static final int MAX_INTEGER_DIGITS = 131_072;
    private static final int MAX_FRACTION_DIGITS = 16_383;

    private StorableJson() {
    }

    public static List<RuleViolation> violations(JsonNode root) {
        List<RuleViolation> out = new ArrayList<>();
        walk(root, "", out);
        return out;
    }

    private static void walk(JsonNode node, String path, List<RuleViolation> out) {
        if (node.isTextual()) {
            problem(node.textValue()).ifPresent(p -> out.add(new RuleViolation(name(path), p)));
        } else if (node.isNumber()) {
            numberProblem(node).ifPresent(p -> out.add(new RuleViolation(name(path), p)));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", out);
            }
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                var keyProblem = problem(field.getKey());
                if (keyProblem.isPresent()) {
                    out.add(new RuleViolation(name(path), "a member name " + keyProblem.get()));
                    continue;
                }
                walk(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), out);
            }
        }
    }

    private static String name(String path) {
        return path.isEmpty() ? "body" : path;
    }

    private static Optional<String> problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return Optional.of("must not contain U+0000 (NUL), which cannot be stored");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of(String.format("must not contain a lone surrogate (\\u%04x): not Unicode "
                        + "text", (int) c));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> numberProblem(JsonNode node) {
        if (!node.isBigDecimal()) {
            return Optional.empty();
        }
        BigDecimal value = node.decimalValue();
        int integerDigits = value.precision() - value.scale();
        if (integerDigits > MAX_INTEGER_DIGITS || value.scale() > MAX_FRACTION_DIGITS) {
            return Optional.of("number out of range (at most " + MAX_INTEGER_DIGITS
                    + " digits before and " + MAX_FRACTION_DIGITS + " after the decimal point)");
        }
        return Optional.empty();
    }
}
