package io.platform.etl.model.rules.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.platform.etl.model.event.Event;
import io.platform.etl.model.rules.RuleValidationException;
import io.platform.etl.model.rules.RuleViolation;

import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a {@link FilterRuleSet} against events; compile once per rule version, then call
 * {@link #evaluate} from any number of threads (instances are immutable).
 * <p>
 * An event passes when every <em>enabled</em> condition holds; disabled conditions are skipped. Semantics
 * (also in {@code docs/adr/0005-filter-operator-semantics.md}); "absent" means the field path resolves to
 * nothing, "null" means an explicit JSON null:
 * <ul>
 *   <li>{@code is_null}: holds for absent and null. {@code not_null}: holds for any other value.</li>
 *   <li>{@code not_equals}, {@code not_in}: hold for absent, for null (unless {@code values} lists null) and for
 *       values of another type; they are exactly the negation of {@code equals}/{@code in} on present fields.</li>
 *   <li>Every other operator fails on absent ({@code missing_field}) and on null ({@code null_value};
 *       {@code in} holds for null when {@code values} lists null).</li>
 *   <li>{@code equals}/{@code in}: numbers compare numerically ({@code 1 == 1.0}), strings exactly
 *       (case-sensitive), booleans as booleans; a number never equals a string ({@code 5 != "5"}).
 *       Objects/arrays compare structurally.</li>
 *   <li>{@code gt}/{@code gte}/{@code lt}/{@code lte}: with a numeric bound (number or numeric string), the field
 *       must be a number or numeric string; with an ISO-8601 instant bound, the field must be an ISO instant
 *       string or epoch milliseconds, compared as time. Anything else is {@code type_mismatch}: the condition
 *       does not hold, no exception is thrown.</li>
 *   <li>{@code contains}: substring on string fields (string operand only), element equality (as {@code equals})
 *       on array fields; other field types are a type mismatch.</li>
 *   <li>{@code regex}: RE2 syntax, {@code find()} with RE2/J (linear time; anchor with {@code ^…$} for a full
 *       match) on string fields only; see {@link RegexOperand}.</li>
 * </ul>
 */
public final class FilterEvaluator {

    private static final FilterEvaluator PASS_ALL = new FilterEvaluator(List.of());

    private final List<CompiledCondition> conditions;

    private FilterEvaluator(List<CompiledCondition> conditions) {
        this.conditions = conditions;
    }

    /**
     * Compiles a rule set.
     *
     * @throws RuleValidationException when {@link FilterRuleSet#validate()} reports violations
     */
    public static FilterEvaluator compile(FilterRuleSet rules) {
        List<RuleViolation> violations = rules.validate();
        if (!violations.isEmpty()) {
            throw new RuleValidationException(violations);
        }
        List<CompiledCondition> compiled = new ArrayList<>();
        for (int i = 0; i < rules.rules().size(); i++) {
            CompiledCondition condition = new CompiledCondition(rules.rules().get(i), i);
            if (condition.enabled()) {
                compiled.add(condition);
            }
        }
        return new FilterEvaluator(List.copyOf(compiled));
    }

    /** Compiles a list of conditions; see {@link #compile(FilterRuleSet)}. */
    public static FilterEvaluator compile(List<FilterCondition> conditions) {
        return compile(new FilterRuleSet(conditions));
    }

    /** An evaluator that passes every event. */
    public static FilterEvaluator passAll() {
        return PASS_ALL;
    }

    /** Number of enabled conditions. */
    public int size() {
        return conditions.size();
    }

    /** Whether the event meets every condition; {@link #evaluate(Event)} without building the failure. */
    public boolean passes(Event event) {
        for (CompiledCondition condition : conditions) {
            if (condition.test(event.field(condition.path())) != null) {
                return false;
            }
        }
        return true;
    }

    public Verdict evaluate(Event event) {
        for (CompiledCondition condition : conditions) {
            FailureReason reason = condition.test(event.field(condition.path()));
            if (reason != null) {
                return Verdict.fail(condition.failure(reason));
            }
        }
        return Verdict.PASS;
    }

    /** Evaluates against a JSON object (not modified); no event-time requirement. */
    public Verdict evaluate(JsonNode json) {
        for (CompiledCondition condition : conditions) {
            FailureReason reason = condition.test(condition.path().resolve(json));
            if (reason != null) {
                return Verdict.fail(condition.failure(reason));
            }
        }
        return Verdict.PASS;
    }
}
