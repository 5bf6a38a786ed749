package io.platform.etl.model.rules.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.platform.etl.model.rules.RuleViolation;

import java.util.ArrayList;
import java.util.List;

/** The checks behind {@link FilterCondition#validate(String)}. */
final class FilterConditionValidator {

    private FilterConditionValidator() {
    }

    static List<RuleViolation> validate(FilterCondition c, String prefix) {
        List<RuleViolation> out = new ArrayList<>();
        String p = prefix.isEmpty() ? "" : prefix + ".";
        if (c.id() != null && c.id().isBlank()) {
            out.add(new RuleViolation(p + "id", "must not be blank"));
        }
        if (c.field() == null || c.field().isBlank()) {
            out.add(new RuleViolation(p + "field", "required"));
        }
        Operator op = c.operator();
        if (op == null) {
            out.add(new RuleViolation(p + "operator", "required"));
            return out;
        }
        switch (op.operand()) {
            case NONE -> {
                if (present(c.value())) {
                    out.add(new RuleViolation(p + "value", "not allowed for operator " + op));
                }
                if (c.values() != null) {
                    out.add(new RuleViolation(p + "values", "not allowed for operator " + op));
                }
            }
            case LIST -> {
                if (c.values() == null) {
                    out.add(new RuleViolation(p + "values", "required for operator " + op));
                } else if (c.values().isEmpty()) {
                    out.add(new RuleViolation(p + "values", "must not be empty for operator " + op));
                }
                if (present(c.value())) {
                    out.add(new RuleViolation(p + "value", "not allowed for operator " + op + " (use values)"));
                }
            }
            case SINGLE -> validateSingle(c, op, p, out);
        }
        return out;
    }

    private static void validateSingle(FilterCondition c, Operator op, String p, List<RuleViolation> out) {
        if (c.values() != null) {
            out.add(new RuleViolation(p + "values", "not allowed for operator " + op + " (use value)"));
        }
        JsonNode value = c.value();
        if (value == null || value.isMissingNode()) {
            out.add(new RuleViolation(p + "value", "required for operator " + op));
            return;
        }
        if (value.isNull()) {
            out.add(new RuleViolation(p + "value", "must not be null (use is_null or not_null)"));
            return;
        }
        if (op.isOrdering() && JsonValues.orderingOperand(value).isEmpty()) {
            out.add(new RuleViolation(p + "value",
                    "must be a number or an ISO-8601 instant for operator " + op + ", was " + value));
        }
        if (op == Operator.REGEX) {
            if (!value.isTextual()) {
                out.add(new RuleViolation(p + "value", "must be a string for operator regex"));
            } else {
                RegexOperand.problem(value.textValue())
                        .ifPresent(problem -> out.add(new RuleViolation(p + "value", problem)));
            }
        }
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isMissingNode() && !node.isNull();
    }
}
