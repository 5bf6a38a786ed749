package io.platform.etl.stage.aggregate.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.etl.model.event.Event;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GroupKeyTest {

    private final GroupKey key = new GroupKey(List.of("user_id", "event_type", "region"));

    @ParameterizedTest(name = "{0} groups as {1}")
    @CsvSource(delimiter = '|', value = {
            "\"user_id\":\"u1\",\"event_type\":\"click\",\"region\":\"EU\" | [\"u1\",\"click\",\"EU\"]",
            "\"user_id\":\"u1\",\"event_type\":\"click\"                  | [\"u1\",\"click\",null]",
            "\"user_id\":\"u1\",\"event_type\":\"click\",\"region\":null  | [\"u1\",\"click\",null]",
            "\"user_id\":7,\"event_type\":\"click\",\"region\":\"EU\"     | [7,\"click\",\"EU\"]",
            "\"amount\":1                                                  | [null,null,null]"})
    void groupsByTheValuesOfTheGroupByFieldsWithAbsentAsNull(String fields, String expected) {
        Event event = Event.parse(("{" + fields + ",\"timestamp\":0}").getBytes(StandardCharsets.UTF_8));
        assertThat(new String(key.bytes(event), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "nested path {0}")
    @CsvSource(delimiter = '|', value = {
            "{\"geo\":{\"country\":\"DE\"},\"timestamp\":0} | [\"DE\"]",
            "{\"geo\":{},\"timestamp\":0}                  | [null]"})
    void readsNestedGroupFields(String json, String expected) {
        GroupKey nested = new GroupKey(List.of("geo.country"));
        Event event = Event.parse(json.getBytes(StandardCharsets.UTF_8));
        assertThat(new String(nested.bytes(event), StandardCharsets.UTF_8)).isEqualTo(expected);
    }
}
