package io.platform.etl.model.rules.enrich;

import io.platform.etl.model.rules.filter.FilterCondition;
import io.platform.etl.model.rules.filter.Operator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnrichmentConditionsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ip_address IS NOT NULL      | ip_address | not_null   | ",
            "ip_address is not null      | ip_address | not_null   | ",
            "  geo.ip IS NULL            | geo.ip     | is_null    | ",
            "country = 'DE'              | country    | equals     | \"DE\"",
            "name = 'O''Brien'           | name       | equals     | \"O'Brien\"",
            "amount > 10                 | amount     | gt         | 10",
            "amount >= -1.5              | amount     | gte        | -1.5",
            "amount<5                    | amount     | lt         | 5",
            "amount <= 5                 | amount     | lte        | 5",
            "tier != 'free'              | tier       | not_equals | \"free\"",
            "tier <> 'free'              | tier       | not_equals | \"free\"",
            "vip = true                  | vip        | equals     | true"})
    void parsesConditions(String text, String field, String operator, String value) {
        FilterCondition condition = EnrichmentConditions.parse(text);
        assertThat(condition.field()).isEqualTo(field);
        assertThat(condition.operator()).isEqualTo(Operator.fromJson(operator).orElseThrow());
        assertThat(condition.value() == null ? null : condition.value().toString()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ip_address", "ip_address IS", "ip_address NOT NULL", "a = b", "a == 1",
            "a = 'x' AND b = 1", "1a = 1", "a = 'unterminated"})
    void rejectsUnsupportedConditions(String text) {
        assertThat(EnrichmentConditions.tryParse(text)).isEmpty();
        assertThatThrownBy(() -> EnrichmentConditions.parse(text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unsupported condition");
    }
}
