package io.platform.etl.model.rules.filter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.platform.etl.model.rules.RuleViolation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One filter condition, JSON {@code {"id":"rule-001","field":"event_type","operator":"in",
 * "values":["click","purchase"],"enabled":true}}; {@code value} for single-operand operators
 * ({@code {"field":"amount","operator":"gt","value":100}}), neither for {@code not_null}/{@code is_null}.
 * Static conditions of the pipeline spec have no {@code id} and are {@code enabled} by default.
 *
 * @param id       optional rule id (dynamic rules); null for static conditions
 * @param field    field path, dotted for nested objects ({@code geo.country})
 * @param operator the operator
 * @param value    the operand of single-operand operators, any JSON value; null when absent
 * @param values   the operands of {@code in}/{@code not_in}; null when absent
 * @param enabled  disabled conditions are skipped by the evaluator
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FilterCondition(String id, String field, Operator operator, JsonNode value, List<JsonNode> values,
                              boolean enabled) {

    public FilterCondition {
        values = values == null ? null : Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** Jackson creator: a missing {@code enabled} means true. */
    @JsonCreator
    static FilterCondition fromJson(@JsonProperty("id") String id, @JsonProperty("field") String field,
                                    @JsonProperty("operator") Operator operator, @JsonProperty("value") JsonNode value,
                                    @JsonProperty("values") List<JsonNode> values,
                                    @JsonProperty("enabled") Boolean enabled) {
        return new FilterCondition(id, field, operator, value, values, enabled == null || enabled);
    }

    /** An enabled condition without id and without operand ({@code not_null}, {@code is_null}). */
    public static FilterCondition of(String field, Operator operator) {
        return new FilterCondition(null, field, operator, null, null, true);
    }

    /** An enabled condition without id with a single operand (Java values are converted to JSON). */
    public static FilterCondition of(String field, Operator operator, Object value) {
        return new FilterCondition(null, field, operator, JsonValues.toNode(value), null, true);
    }

    /** An enabled condition without id with a list operand ({@code in}, {@code not_in}). */
    public static FilterCondition ofList(String field, Operator operator, List<?> values) {
        return new FilterCondition(null, field, operator, null, values.stream().map(JsonValues::toNode).toList(), true);
    }

    /** A copy with the given id. */
    public FilterCondition withId(String newId) {
        return new FilterCondition(newId, field, operator, value, values, enabled);
    }

    /** A copy with the given enabled flag. */
    public FilterCondition withEnabled(boolean newEnabled) {
        return new FilterCondition(id, field, operator, value, values, newEnabled);
    }

    /**
     * Checks this condition alone; paths start with {@code prefix} (e.g. {@code rules[1]}).
     * A condition without violations compiles with {@link FilterEvaluator}.
     */
    public List<RuleViolation> validate(String prefix) {
        return FilterConditionValidator.validate(this, prefix);
    }
}
