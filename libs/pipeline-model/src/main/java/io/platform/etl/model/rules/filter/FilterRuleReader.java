package io.platform.etl.model.rules.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.platform.etl.model.json.Cursor;
import io.platform.etl.model.rules.Validated;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads filter rules from loosely typed JSON/YAML trees, reporting every problem with its path
 * ({@code rules[1].operator: unknown operator "between"}, {@code rules[0].values: required for operator in})
 * rather than stopping at the first as data binding does. Use it for API bodies and snapshots.
 */
public final class FilterRuleReader {

    private static final Set<String> CONDITION_FIELDS = Set.of("id", "field", "operator", "value", "values", "enabled");

    private FilterRuleReader() {
    }

    /** Reads {@code {"rules":[...]}}; unknown keys next to {@code rules} are tolerated (e.g. {@code pipeline}). */
    public static Validated<FilterRuleSet> read(JsonNode json) {
        Cursor root = Cursor.strictRoot(json);
        if (!root.require() || !root.isObject()) {
            return new Validated<>(null, root.errors());
        }
        Cursor rules = root.field("rules");
        rules.require();
        FilterRuleSet set = new FilterRuleSet(readConditions(rules));
        return new Validated<>(set, root.errors());
    }

    /**
     * Reads a list of conditions at the cursor, validating each condition that was read without error, plus
     * duplicate ids. Errors go to the cursor's error list.
     */
    public static List<FilterCondition> readConditions(Cursor list) {
        List<FilterCondition> conditions = new ArrayList<>();
        for (Cursor element : list.elements()) {
            int before = list.errorCount();
            FilterCondition condition = readCondition(element);
            if (condition == null) {
                continue;
            }
            conditions.add(condition);
            if (list.errorCount() == before) {
                condition.validate(element.path()).forEach(v -> element.errors().add(v));
            }
        }
        new FilterRuleSet(conditions).duplicateIds(list.path()).forEach(v -> list.errors().add(v));
        return conditions;
    }

    /** Reads one condition object; null when it is not an object. */
    public static FilterCondition readCondition(Cursor c) {
        if (!c.isPresent()) {
            c.error("must not be null");
            return null;
        }
        if (!c.isObject()) {
            return null;
        }
        c.rejectUnknown(CONDITION_FIELDS);
        String id = c.field("id").text().orElse(null);
        String field = c.field("field").requiredText();
        Cursor opCursor = c.field("operator");
        Operator operator = opCursor.require() ? opCursor.named("operator", Operator::fromJson).orElse(null) : null;
        JsonNode value = c.field("value").node();
        Cursor valuesCursor = c.field("values");
        List<JsonNode> values = null;
        if (valuesCursor.isPresent()) {
            values = valuesCursor.elements().stream().map(Cursor::node).toList();
        }
        boolean enabled = c.field("enabled").bool().orElse(true);
        return new FilterCondition(id, field, operator, value, values, enabled);
    }
}
