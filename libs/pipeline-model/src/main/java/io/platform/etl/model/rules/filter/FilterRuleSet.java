package io.platform.etl.model.rules.filter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.platform.etl.model.rules.RuleViolation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ordered list of filter conditions, JSON {@code {"rules":[...]}} (the body of the rules API without
 * {@code pipeline}, and the payload of a filter {@link io.platform.etl.model.rules.publish.RuleSnapshot}).
 * An event passes when every enabled condition holds; an empty set passes everything.
 */
public record FilterRuleSet(@JsonProperty("rules") List<FilterCondition> rules) {

    /** No conditions. */
    public static final FilterRuleSet EMPTY = new FilterRuleSet(List.of());

    @JsonCreator
    public FilterRuleSet {
        rules = rules == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(rules));
    }

    /** This set followed by {@code other}'s conditions (static spec conditions first, then dynamic ones). */
    public FilterRuleSet concat(FilterRuleSet other) {
        List<FilterCondition> all = new ArrayList<>(rules);
        all.addAll(other.rules);
        return new FilterRuleSet(all);
    }

    /**
     * Every violation, with paths {@code rules[i].<field>}: missing field/operator, missing or superfluous
     * operand, non-numeric bound for gt/gte/lt/lte, bad regex, duplicate ids.
     */
    public List<RuleViolation> validate() {
        return validate("rules");
    }

    /** As {@link #validate()} with another list path (e.g. {@code spec.processing.stages[1].config.conditions}). */
    public List<RuleViolation> validate(String listPath) {
        List<RuleViolation> out = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            String prefix = listPath + "[" + i + "]";
            FilterCondition condition = rules.get(i);
            if (condition == null) {
                out.add(new RuleViolation(prefix, "must not be null"));
                continue;
            }
            out.addAll(condition.validate(prefix));
            duplicateId(ids, i, listPath).ifPresent(out::add);
        }
        return out;
    }

    /** Only the duplicate-id violations of {@link #validate(String)}, for callers that checked each condition. */
    public List<RuleViolation> duplicateIds(String listPath) {
        List<RuleViolation> out = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i) != null) {
                duplicateId(ids, i, listPath).ifPresent(out::add);
            }
        }
        return out;
    }

    private Optional<RuleViolation> duplicateId(Map<String, Integer> ids, int i, String listPath) {
        String id = rules.get(i).id();
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        Integer first = ids.putIfAbsent(id, i);
        return first == null ? Optional.empty() : Optional.of(new RuleViolation(listPath + "[" + i + "].id",
                "duplicate id \"" + id + "\" (also at " + listPath + "[" + first + "])"));
    }
}
