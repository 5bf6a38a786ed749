package io.platform.etl.model.rules.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.platform.etl.model.event.EventCodec;
import io.platform.etl.model.rules.Validated;
import io.platform.etl.model.rules.RuleViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FilterValidationTest {

    private static Validated<FilterRuleSet> read(String json) throws Exception {
        return FilterRuleReader.read(EventCodec.mapper().readTree(json));
    }

    private static List<String> errors(String json) throws Exception {
        return read(json).violations().stream().map(RuleViolation::toString).toList();
    }

    @Test
    void readsTheSeedApiExample() throws Exception {
        Validated<FilterRuleSet> decoded = read("""
                {"pipeline":"advanced-streaming-pipeline","rules":[
                  {"id":"rule-001","field":"event_type","operator":"in","values":["click","purchase","signup","view"],"enabled":true},
                  {"id":"rule-002","field":"user_tier","operator":"equals","value":"premium","enabled":true}]}""");
        assertThat(decoded.violations()).isEmpty();
        FilterRuleSet rules = decoded.orElseThrow();
        assertThat(rules.rules()).hasSize(2);
        FilterCondition first = rules.rules().get(0);
        assertThat(first.id()).isEqualTo("rule-001");
        assertThat(first.operator()).isEqualTo(Operator.IN);
        assertThat(first.values()).extracting(JsonNode::asText).containsExactly("click", "purchase", "signup", "view");
        assertThat(first.enabled()).isTrue();
        assertThat(rules.rules().get(1).value().asText()).isEqualTo("premium");
    }

    @Test
    void enabledDefaultsToTrue() throws Exception {
        FilterRuleSet rules = read("{\"rules\":[{\"field\":\"user_id\",\"operator\":\"not_null\"}]}").orElseThrow();
        assertThat(rules.rules().get(0).enabled()).isTrue();
        assertThat(rules.rules().get(0).id()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"field\":\"a\",\"operator\":\"in\"}                                 | rules[0].values: required for operator in",
            "{\"field\":\"a\",\"operator\":\"not_in\",\"values\":[]}               | rules[0].values: must not be empty for operator not_in",
            "{\"field\":\"a\",\"operator\":\"in\",\"values\":\"x\"}                | rules[0].values: expected a list",
            "{\"field\":\"a\",\"operator\":\"in\",\"values\":[1],\"value\":1}      | rules[0].value: not allowed for operator in (use values)",
            "{\"field\":\"a\",\"operator\":\"gt\"}                                 | rules[0].value: required for operator gt",
            "{\"field\":\"a\",\"operator\":\"equals\",\"value\":null}              | rules[0].value: must not be null (use is_null or not_null)",
            "{\"field\":\"a\",\"operator\":\"gte\",\"value\":\"abc\"}              | `rules[0].value: must be a number or an ISO-8601 instant for operator gte, was \"abc\"`",
            "{\"field\":\"a\",\"operator\":\"lt\",\"value\":true}                  | rules[0].value: must be a number or an ISO-8601 instant for operator lt, was true",
            "{\"field\":\"a\",\"operator\":\"regex\",\"value\":\"(a\"}             | rules[0].value: bad regex: missing closing ): `(a`",
            "{\"field\":\"a\",\"operator\":\"regex\",\"value\":5}                  | rules[0].value: must be a string for operator regex",
            "{\"field\":\"a\",\"operator\":\"equals\",\"values\":[1],\"value\":1}  | rules[0].values: not allowed for operator equals (use value)",
            "{\"field\":\"a\",\"operator\":\"not_null\",\"value\":1}               | rules[0].value: not allowed for operator not_null",
            "{\"field\":\"a\",\"operator\":\"is_null\",\"values\":[1]}             | rules[0].values: not allowed for operator is_null",
            "{\"field\":\"a\",\"operator\":\"between\",\"values\":[1,2]}           | `rules[0].operator: unknown operator \"between\"`",
            "{\"field\":\"a\",\"operator\":\"IN\",\"values\":[1]}                  | `rules[0].operator: unknown operator \"IN\"`",
            "{\"field\":\"a\"}                                                     | rules[0].operator: required",
            "{\"operator\":\"not_null\"}                                           | rules[0].field: required",
            "{\"field\":\" \",\"operator\":\"not_null\"}                           | rules[0].field: must not be blank",
            "{\"field\":\"a\",\"operator\":\"not_null\",\"enabled\":\"yes\"}       | `rules[0].enabled: expected true or false, was \"yes\"`",
            "{\"field\":\"a\",\"operator\":\"not_null\",\"oprator\":\"in\"}        | rules[0].oprator: unknown field",
            "{\"field\":{\"a\":1},\"operator\":\"not_null\"}                       | rules[0].field: expected a string",
            "42                                                                    | rules[0]: expected an object",
            "null                                                                  | rules[0]: must not be null",
    })
    void reportsViolationWithPath(String condition, String expected) throws Exception {
        assertThat(errors("{\"rules\":[" + condition + "]}")).containsExactly(expected);
    }

    @Test
    void reportsEveryViolationAtOnce() throws Exception {
        assertThat(errors("""
                {"rules":[
                  {"field":"a","operator":"not_null"},
                  {"field":"b","operator":"in"},
                  {"field":"c","operator":"between","value":1},
                  {"field":"d","operator":"regex","value":"[x"}]}""")).containsExactly(
                "rules[1].values: required for operator in",
                "rules[2].operator: unknown operator \"between\"",
                "rules[3].value: bad regex: missing closing ]: `[x`");
    }

    @Test
    void reportsDuplicateIds() throws Exception {
        assertThat(errors("""
                {"rules":[{"id":"r","field":"a","operator":"not_null"},{"id":"r","field":"b","operator":"is_null"}]}"""))
                .containsExactly("rules[1].id: duplicate id \"r\" (also at rules[0])");
    }

    @Test
    void requiresRulesList() throws Exception {
        assertThat(errors("{}")).containsExactly("rules: required");
        assertThat(errors("{\"rules\":{}}")).containsExactly("rules: expected a list");
        assertThat(errors("[]")).containsExactly("expected an object");
    }

    @Test
    void validationOfRecordsMatchesReader() {
        FilterRuleSet rules = new FilterRuleSet(List.of(
                FilterCondition.of("a", Operator.IN),
                FilterCondition.of("", Operator.NOT_NULL),
                new FilterCondition(null, "c", null, null, null, true)));
        assertThat(rules.validate()).extracting(RuleViolation::toString).containsExactly(
                "rules[0].values: required for operator in",
                "rules[1].field: required",
                "rules[2].operator: required");
        assertThat(rules.validate("spec.x.conditions").get(0).field()).isEqualTo("spec.x.conditions[0].values");
    }

    @Test
    void jacksonRoundTripKeepsShape() throws Exception {
        var mapper = EventCodec.mapper();
        FilterRuleSet rules = new FilterRuleSet(List.of(
                FilterCondition.ofList("event_type", Operator.NOT_IN, List.of("a", 1, true)).withId("r1"),
                FilterCondition.of("amount", Operator.GTE, 10.5),
                FilterCondition.of("user_id", Operator.NOT_NULL).withEnabled(false)));
        String json = mapper.writeValueAsString(rules);
        assertThat(json).isEqualTo("{\"rules\":[{\"id\":\"r1\",\"field\":\"event_type\",\"operator\":\"not_in\","
                + "\"values\":[\"a\",1,true],\"enabled\":true},{\"field\":\"amount\",\"operator\":\"gte\",\"value\":10.5,"
                + "\"enabled\":true},{\"field\":\"user_id\",\"operator\":\"not_null\",\"enabled\":false}]}");
        assertThat(mapper.readValue(json, FilterRuleSet.class)).isEqualTo(rules);
        assertThat(FilterRuleReader.read(mapper.readTree(json)).orElseThrow()).isEqualTo(rules);
    }
}
