package io.platform.etl.model.rules.filter;

import io.platform.etl.model.event.Event;
import io.platform.etl.model.rules.RuleValidationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilterEvaluatorTest {

    private static Event event(String json) {
        return Event.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private final FilterRuleSet seedConditions = new FilterRuleSet(List.of(
            FilterCondition.ofList("event_type", Operator.IN, List.of("click", "purchase", "signup")),
            FilterCondition.of("user_id", Operator.NOT_NULL)));

    @Test
    void passesWhenEveryConditionHolds() {
        Verdict verdict = FilterEvaluator.compile(seedConditions)
                .evaluate(event("{\"timestamp\":0,\"event_type\":\"click\",\"user_id\":\"u1\"}"));
        assertThat(verdict).isEqualTo(Verdict.PASS);
    }

    @Test
    void reportsFirstFailingConditionWithIndex() {
        Verdict verdict = FilterEvaluator.compile(seedConditions)
                .evaluate(event("{\"timestamp\":0,\"event_type\":\"click\"}"));
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.failure()).isEqualTo(
                new Verdict.Failure(1, null, "user_id", Operator.NOT_NULL, FailureReason.MISSING_FIELD));
        assertThat(verdict.failure().describe()).isEqualTo("#1 (user_id not_null): missing_field");
    }

    @Test
    void stopsAtFirstFailureInRuleOrder() {
        Verdict verdict = FilterEvaluator.compile(seedConditions).evaluate(event("{\"timestamp\":0,\"event_type\":\"x\"}"));
        assertThat(verdict.failure().index()).isZero();
        assertThat(verdict.failure().reason()).isEqualTo(FailureReason.NOT_SATISFIED);
    }

    @Test
    void failureNamesRuleId() {
        FilterRuleSet rules = new FilterRuleSet(List.of(
                FilterCondition.of("user_tier", Operator.EQUALS, "premium").withId("rule-002")));
        Verdict verdict = FilterEvaluator.compile(rules).evaluate(event("{\"timestamp\":0,\"user_tier\":\"free\"}"));
        assertThat(verdict.failure().ruleId()).isEqualTo("rule-002");
        assertThat(verdict.failure().describe()).isEqualTo("rule-002 (user_tier equals): not_satisfied");
    }

    @Test
    void skipsDisabledConditions() {
        FilterRuleSet rules = new FilterRuleSet(List.of(
                FilterCondition.of("user_id", Operator.NOT_NULL).withEnabled(false),
                FilterCondition.of("event_type", Operator.EQUALS, "click")));
        FilterEvaluator evaluator = FilterEvaluator.compile(rules);
        assertThat(evaluator.size()).isEqualTo(1);
        assertThat(evaluator.evaluate(event("{\"timestamp\":0,\"event_type\":\"click\"}")).passed()).isTrue();
        Verdict verdict = evaluator.evaluate(event("{\"timestamp\":0,\"event_type\":\"view\"}"));
        assertThat(verdict.failure().index()).as("index in the original list").isEqualTo(1);
    }

    @Test
    void emptyRuleSetPassesEverything() {
        assertThat(FilterEvaluator.compile(FilterRuleSet.EMPTY).evaluate(event("{\"timestamp\":0}")).passed()).isTrue();
        assertThat(FilterEvaluator.passAll().evaluate(event("{\"timestamp\":0}")).passed()).isTrue();
    }

    @Test
    void evaluatesNestedFieldPaths() {
        FilterEvaluator evaluator = FilterEvaluator.compile(List.of(
                FilterCondition.of("geo.country", Operator.EQUALS, "DE")));
        assertThat(evaluator.evaluate(event("{\"timestamp\":0,\"geo\":{\"country\":\"DE\"}}")).passed()).isTrue();
        assertThat(evaluator.evaluate(event("{\"timestamp\":0,\"geo\":{\"country\":\"FR\"}}")).passed()).isFalse();
        assertThat(evaluator.evaluate(event("{\"timestamp\":0,\"geo\":\"DE\"}")).failure().reason())
                .isEqualTo(FailureReason.MISSING_FIELD);
    }

    @Test
    void refusesToCompileInvalidRules() {
        FilterRuleSet rules = new FilterRuleSet(List.of(new FilterCondition(null, "x", Operator.REGEX,
                io.platform.etl.model.event.EventCodec.mapper().getNodeFactory().textNode("(unclosed"), null, true)));
        assertThatThrownBy(() -> FilterEvaluator.compile(rules))
                .isInstanceOf(RuleValidationException.class)
                .hasMessageContaining("rules[0].value: bad regex");
    }

    @Test
    void staticAndDynamicConditionsConcatenate() {
        FilterRuleSet dynamic = new FilterRuleSet(List.of(FilterCondition.of("amount", Operator.GT, 10).withId("r1")));
        FilterEvaluator evaluator = FilterEvaluator.compile(seedConditions.concat(dynamic));
        Verdict verdict = evaluator.evaluate(event("{\"timestamp\":0,\"event_type\":\"click\",\"user_id\":\"u\",\"amount\":5}"));
        assertThat(verdict.failure().index()).isEqualTo(2);
        assertThat(verdict.failure().ruleId()).isEqualTo("r1");
    }

    @Test
    void operatorJsonNamesAreExactlyTheContract() {
        assertThat(Operator.values()).extracting(Operator::jsonName).containsExactly("in", "not_in", "equals",
                "not_equals", "not_null", "is_null", "gt", "gte", "lt", "lte", "contains", "regex");
        assertThat(Operator.fromJson("IN")).isEmpty();
        assertThat(Operator.fromJson("between")).isEmpty();
        assertThatThrownBy(() -> Operator.parse("between")).hasMessage("unknown operator \"between\"");
    }
}
