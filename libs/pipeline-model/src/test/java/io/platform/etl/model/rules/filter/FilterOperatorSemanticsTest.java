package io.platform.etl.model.rules.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platform.etl.model.event.Event;
import io.platform.etl.model.event.EventCodec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operator against every JSON type, an absent field and an explicit null. Columns: operator | operand
 * (JSON; a list for in/not_in; "-" for none) | field value (JSON, or "<missing>") | expected ("pass" or the
 * failure reason code).
 */
class FilterOperatorSemanticsTest {

    @ParameterizedTest(name = "{0} {1} on {2} -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // is_null
            "is_null     | -                       | <missing>                | pass",
            "is_null     | -                       | null                     | pass",
            "is_null     | -                       | \"\"                     | not_satisfied",
            "is_null     | -                       | 0                        | not_satisfied",
            "is_null     | -                       | false                    | not_satisfied",
            "is_null     | -                       | {}                       | not_satisfied",
            "is_null     | -                       | []                       | not_satisfied",
            // not_null
            "not_null    | -                       | <missing>                | missing_field",
            "not_null    | -                       | null                     | null_value",
            "not_null    | -                       | \"\"                     | pass",
            "not_null    | -                       | 0                        | pass",
            "not_null    | -                       | false                    | pass",
            "not_null    | -                       | {}                       | pass",
            "not_null    | -                       | []                       | pass",
            // equals
            "equals      | \"click\"               | \"click\"                | pass",
            "equals      | \"click\"               | \"Click\"                | not_satisfied",
            "equals      | \"click\"               | \"click \"               | not_satisfied",
            "equals      | \"click\"               | <missing>                | missing_field",
            "equals      | \"click\"               | null                     | null_value",
            "equals      | \"5\"                   | 5                        | type_mismatch",
            "equals      | 5                       | \"5\"                    | type_mismatch",
            "equals      | 1                       | 1.0                      | pass",
            "equals      | 1.0                     | 1                        | pass",
            "equals      | 100                     | 1E+2                     | pass",
            "equals      | 1                       | 2                        | not_satisfied",
            "equals      | 12345678901234567890123 | 12345678901234567890123  | pass",
            "equals      | 0.1                     | 0.10                     | pass",
            "equals      | true                    | true                     | pass",
            "equals      | true                    | false                    | not_satisfied",
            "equals      | true                    | \"true\"                 | type_mismatch",
            "equals      | true                    | 1                        | type_mismatch",
            "equals      | \"x\"                   | [\"x\"]                  | type_mismatch",
            "equals      | \"x\"                   | {\"a\":\"x\"}            | type_mismatch",
            "equals      | {\"a\":1}               | {\"a\":1}                | pass",
            "equals      | [1,2]                   | [1,2]                    | pass",
            "equals      | [1,2]                   | [2,1]                    | not_satisfied",
            // not_equals
            "not_equals  | \"click\"               | \"click\"                | not_satisfied",
            "not_equals  | \"click\"               | \"view\"                 | pass",
            "not_equals  | \"click\"               | <missing>                | pass",
            "not_equals  | \"click\"               | null                     | pass",
            "not_equals  | 1                       | 1.00                     | not_satisfied",
            "not_equals  | 1                       | \"1\"                    | pass",
            "not_equals  | true                    | true                     | not_satisfied",
            "not_equals  | true                    | [true]                   | pass",
            // in
            "in          | [\"click\",\"view\"]    | \"click\"                | pass",
            "in          | [\"click\",\"view\"]    | \"buy\"                  | not_satisfied",
            "in          | [\"click\",\"view\"]    | <missing>                | missing_field",
            "in          | [\"click\",\"view\"]    | null                     | null_value",
            "in          | [\"click\",null]        | null                     | pass",
            "in          | [\"click\",null]        | <missing>                | missing_field",
            "in          | [1,\"two\",true]        | 1.0                      | pass",
            "in          | [1,\"two\",true]        | \"1\"                    | not_satisfied",
            "in          | [1,\"two\",true]        | \"two\"                  | pass",
            "in          | [1,\"two\",true]        | true                     | pass",
            "in          | [1,\"two\",true]        | false                    | not_satisfied",
            "in          | [1.50,2]                | 1.5                      | pass",
            "in          | [\"a\"]                 | [\"a\"]                  | not_satisfied",
            "in          | [[\"a\"]]               | [\"a\"]                  | pass",
            "in          | [\"a\"]                 | {}                       | not_satisfied",
            // not_in
            "not_in      | [\"click\",\"view\"]    | \"click\"                | not_satisfied",
            "not_in      | [\"click\",\"view\"]    | \"buy\"                  | pass",
            "not_in      | [\"click\",\"view\"]    | <missing>                | pass",
            "not_in      | [\"click\",\"view\"]    | null                     | pass",
            "not_in      | [\"click\",null]        | null                     | not_satisfied",
            "not_in      | [1,\"two\"]             | 1.000                    | not_satisfied",
            "not_in      | [1,\"two\"]             | \"1\"                    | pass",
            "not_in      | [true]                  | true                     | not_satisfied",
            // gt / gte / lt / lte with numbers
            "gt          | 100                     | 150                      | pass",
            "gt          | 100                     | 100                      | not_satisfied",
            "gt          | 100                     | 100.0001                 | pass",
            "gt          | 100                     | \"150\"                  | pass",
            "gt          | 100                     | \" 150 \"                | pass",
            "gt          | 100                     | \"1.5e3\"                | pass",
            "gt          | \"100\"                 | 150                      | pass",
            "gt          | 100                     | \"abc\"                  | type_mismatch",
            "gt          | 100                     | \"\"                     | type_mismatch",
            "gt          | 100                     | \"NaN\"                  | type_mismatch",
            "gt          | 100                     | \"Infinity\"             | type_mismatch",
            "gt          | 100                     | true                     | type_mismatch",
            "gt          | 100                     | [150]                    | type_mismatch",
            "gt          | 100                     | {\"v\":150}              | type_mismatch",
            "gt          | 100                     | \"2024-05-01T10:00:00Z\" | type_mismatch",
            "gt          | 100                     | <missing>                | missing_field",
            "gt          | 100                     | null                     | null_value",
            "gt          | -1.5                    | -1                       | pass",
            "gte         | 100                     | 100                      | pass",
            "gte         | 100                     | 100.00                   | pass",
            "gte         | 100                     | 99.99                    | not_satisfied",
            "gte         | 100                     | \"x\"                    | type_mismatch",
            "gte         | 100                     | <missing>                | missing_field",
            "gte         | 100                     | null                     | null_value",
            "lt          | 100                     | 99                       | pass",
            "lt          | 100                     | 100                      | not_satisfied",
            "lt          | 100                     | \"99\"                   | pass",
            "lt          | 100                     | false                    | type_mismatch",
            "lt          | 100                     | <missing>                | missing_field",
            "lt          | 100                     | null                     | null_value",
            "lte         | 100                     | 100                      | pass",
            "lte         | 100                     | 1E+2                     | pass",
            "lte         | 100                     | 101                      | not_satisfied",
            "lte         | 100                     | [1]                      | type_mismatch",
            "lte         | 100                     | <missing>                | missing_field",
            "lte         | 100                     | null                     | null_value",
            // ordering with ISO instants
            "gt          | \"2024-05-01T00:00:00Z\"| \"2024-05-01T00:00:01Z\" | pass",
            "gt          | \"2024-05-01T00:00:00Z\"| \"2024-05-01T02:00:00+02:00\" | not_satisfied",
            "gte         | \"2024-05-01T00:00:00Z\"| \"2024-05-01T02:00:00+02:00\" | pass",
            "lt          | \"2024-05-01T00:00:00Z\"| \"2024-04-30T23:59:59.999Z\" | pass",
            "lt          | \"2024-05-01T00:00:00Z\"| 1714521599999            | pass",
            "lte         | \"2024-05-01T00:00:00Z\"| 1714521600001            | not_satisfied",
            "gt          | \"2024-05-01T00:00:00Z\"| \"tomorrow\"             | type_mismatch",
            "gt          | \"2024-05-01T00:00:00Z\"| true                     | type_mismatch",
            "gt          | \"2024-05-01T00:00:00Z\"| <missing>                | missing_field",
            "gt          | \"2024-05-01T00:00:00Z\"| null                     | null_value",
            // contains
            "contains    | \"ick\"                 | \"click\"                | pass",
            "contains    | \"ick\"                 | \"CLICK\"                | not_satisfied",
            "contains    | \"\"                    | \"anything\"             | pass",
            "contains    | \"a\"                   | [\"a\",\"b\"]            | pass",
            "contains    | \"a\"                   | [\"ab\"]                 | not_satisfied",
            "contains    | 2                       | [1,2.0,3]                | pass",
            "contains    | 2                       | [\"2\"]                  | not_satisfied",
            "contains    | 2                       | \"123\"                  | type_mismatch",
            "contains    | \"1\"                   | 123                      | type_mismatch",
            "contains    | \"a\"                   | {\"a\":1}                | type_mismatch",
            "contains    | \"a\"                   | true                     | type_mismatch",
            "contains    | \"a\"                   | <missing>                | missing_field",
            "contains    | \"a\"                   | null                     | null_value",
            "contains    | \"a\"                   | []                       | not_satisfied",
            // regex
            "regex       | \"^cl.*k$\"             | \"click\"                | pass",
            "regex       | \"lic\"                 | \"click\"                | pass",
            "regex       | \"^lic\"                | \"click\"                | not_satisfied",
            "regex       | \"^\\\\d+$\"            | \"123\"                  | pass",
            "regex       | \"^\\\\d+$\"            | 123                      | type_mismatch",
            "regex       | \"a\"                   | [\"a\"]                  | type_mismatch",
            "regex       | \"a\"                   | true                     | type_mismatch",
            "regex       | \"a\"                   | <missing>                | missing_field",
            "regex       | \"a\"                   | null                     | null_value",
            // RE2 semantics (ADR 0206): $ is the end of the text, (?i) flags, nested quantifiers in linear time
            "regex       | \"^a$\"                 | \"a\\n\"                | not_satisfied",
            "regex       | \"(?i)^CLICK$\"         | \"click\"                | pass",
            "regex       | \"^(a+)+$\"             | \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\" | not_satisfied",
    })
    void operatorSemantics(String operator, String operand, String actual, String expected) throws Exception {
        Operator op = Operator.fromJson(operator).orElseThrow();
        FilterCondition condition = condition(op, operand);
        ObjectNode event = EventCodec.mapper().createObjectNode().put("timestamp", 0);
        if (!"<missing>".equals(actual)) {
            event.set("f", EventCodec.mapper().readTree(actual));
        }
        Verdict verdict = FilterEvaluator.compile(List.of(condition)).evaluate(Event.of(event));
        if ("pass".equals(expected)) {
            assertThat(verdict.passed()).as(verdict.toString()).isTrue();
            assertThat(verdict.failure()).isNull();
        } else {
            assertThat(verdict.passed()).isFalse();
            assertThat(verdict.failure().reason().code()).isEqualTo(expected);
            assertThat(verdict.failure().operator()).isEqualTo(op);
            assertThat(verdict.failure().field()).isEqualTo("f");
        }
        // the JsonNode overload agrees with the Event overload
        assertThat(FilterEvaluator.compile(List.of(condition)).evaluate(event).passed()).isEqualTo(verdict.passed());
    }

    private static FilterCondition condition(Operator op, String operand) throws Exception {
        if ("-".equals(operand)) {
            return FilterCondition.of("f", op);
        }
        JsonNode node = EventCodec.mapper().readTree(operand);
        if (op.operand() == Operator.Operand.LIST) {
            List<JsonNode> values = new ArrayList<>();
            node.forEach(values::add);
            return new FilterCondition(null, "f", op, null, values, true);
        }
        return new FilterCondition(null, "f", op, node, null, true);
    }
}
