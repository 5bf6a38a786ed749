package io.platform.etl.model.rules.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.platform.etl.model.rules.filter.FilterCondition;
import io.platform.etl.model.rules.filter.Operator;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small SQL-like condition language of enrichment rules, translated to a {@link FilterCondition} (so it is
 * evaluated with the filter semantics):
 * <ul>
 *   <li>{@code <field> IS NULL}, {@code <field> IS NOT NULL} (keywords case-insensitive)</li>
 *   <li>{@code <field> <op> <literal>} with op {@code = != <> > >= < <=} and a literal {@code 'text'} (quote
 *       doubled to escape), a number, {@code true} or {@code false}</li>
 * </ul>
 * Field names are letters, digits, {@code _} and dots for nested fields.
 */
public final class EnrichmentConditions {

    private static final String FIELD = "([A-Za-z_][A-Za-z0-9_.]*)";
    private static final Pattern NULL_CHECK =
            Pattern.compile("\\s*" + FIELD + "\\s+(?i:IS)\\s+((?i:NOT)\\s+)?(?i:NULL)\\s*");
    private static final Pattern COMPARISON = Pattern.compile(
            "\\s*" + FIELD + "\\s*(=|!=|<>|>=|<=|>|<)\\s*('(?:[^']|'')*'|-?\\d+(?:\\.\\d+)?|true|false)\\s*");
    private static final Map<String, Operator> OPERATORS = Map.of("=", Operator.EQUALS, "!=", Operator.NOT_EQUALS,
            "<>", Operator.NOT_EQUALS, ">", Operator.GT, ">=", Operator.GTE, "<", Operator.LT, "<=", Operator.LTE);

    private EnrichmentConditions() {
    }

    /**
     * Parses a condition.
     *
     * @throws IllegalArgumentException {@code unsupported condition "..."} when it is not in the language
     */
    public static FilterCondition parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException("unsupported condition \"" + text
                + "\" (expected \"<field> IS [NOT] NULL\" or \"<field> <op> <literal>\")"));
    }

    /** Parses a condition; empty when it is not in the language. */
    public static Optional<FilterCondition> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher nullCheck = NULL_CHECK.matcher(text);
        if (nullCheck.matches()) {
            return Optional.of(FilterCondition.of(nullCheck.group(1),
                    nullCheck.group(2) != null ? Operator.NOT_NULL : Operator.IS_NULL));
        }
        Matcher comparison = COMPARISON.matcher(text);
        if (comparison.matches()) {
            return Optional.of(FilterCondition.of(comparison.group(1), OPERATORS.get(comparison.group(2)),
                    literal(comparison.group(3))));
        }
        return Optional.empty();
    }

    private static JsonNode literal(String text) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (text.startsWith("'")) {
            return nodes.textNode(text.substring(1, text.length() - 1).replace("''", "'"));
        }
        if (text.equals("true") || text.equals("false")) {
            return nodes.booleanNode(Boolean.parseBoolean(text));
        }
        return nodes.numberNode(new BigDecimal(text));
    }
}
