package io.platform.etl.model.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** A decoded event answers every field exactly as the whole JSON tree of the same record does. */
class FieldIndexTest {

    private static final String[] VALUES = {
            "\"click\"", "\"\"", "\"with \\\"quotes\\\" and \\\\ \\n \\u00e9\"", "\"привет ✓\"", "\"emoji 😀\"",
            "0", "-7", "2147483648", "-9223372036854775809", "123456789012345678901234567890", "1.10", "0.0",
            "-0.5e-3", "1E+3", "12.50", "true", "false", "null", "{}", "[]", "{\"country\":\"DE\",\"n\":[1,{\"x\":2.0}]}",
            "[1,\"two\",null,true,{\"a\":[]}]", "\"2024-05-01T10:00:00Z\"", "1714557600000",
            "-0", "2147483647", "-2147483648", "-2147483649", "999999999999999999", "-999999999999999999",
            "1000000000000000000", "9223372036854775807", "9223372036854775808", "1e2", "-1.0"};
    private static final String[] NAMES = {"event_id", "user_id", "event_type", "amount", "geo", "geo.country", "a",
            "é", "items", "x y"};
    private static final String[] SPACE = {"", " ", "\n\t ", "  "};

    @Test
    void everyFieldOfRandomRecordsEqualsTheTreeReading() throws Exception {
        Random random = new Random(42);
        for (int n = 0; n < 3000; n++) {
            String json = randomRecord(random);
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            Event event = Event.parse(bytes);
            ObjectNode tree = (ObjectNode) EventCodec.mapper().readTree(bytes);
            for (String path : List.of("event_id", "user_id", "event_type", "amount", "geo", "geo.country",
                    "geo.n.1.x", "items.0", "a", "é", "x y", "timestamp", "absent", "geo.absent")) {
                JsonNode expected = FieldPath.of(path).resolve(tree);
                JsonNode actual = Event.parse(bytes).field(path);
                assertThat(actual).as("%s in %s", path, json).isEqualTo(expected);
                assertThat(actual.getNodeType()).as("%s in %s", path, json).isEqualTo(expected.getNodeType());
                assertThat(actual.toString()).as("%s in %s", path, json).isEqualTo(expected.toString());
            }
            assertThat(event.json()).as(json).isEqualTo(tree);
            assertThat(Event.parse(event.toBytes())).isEqualTo(event);
        }
    }

    @Test
    void aRepeatedNameReadsItsLastValueAsTheTreeDoes() {
        Event event = Event.parse("{\"timestamp\":1,\"a\":\"first\",\"a\":2,\"timestamp\":5}".getBytes(StandardCharsets.UTF_8));
        assertThat(event.field("a").intValue()).isEqualTo(2);
        assertThat(event.eventTime().toEpochMilli()).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"timestamp\":0,\"a\":\"x\u0001\"}", "{\"timestamp\":0,\"a\":[1,}",
            "{\"timestamp\":0,\"a\":{\"b\":tru}}", "{\"timestamp\":0,\"a\":01}", "{\"timestamp\":0,\"a\":\"\\q\"}"})
    void aFlawAnywhereInTheRecordRejectsItAsNotJson(String json) {
        assertThat(reason(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(InvalidEventException.Reason.NOT_JSON);
    }

    @Test
    void invalidUtf8InsideAnUnreadFieldRejectsTheRecord() {
        byte[] bytes = {'{', '"', 't', 'i', 'm', 'e', 's', 't', 'a', 'm', 'p', '"', ':', '0', ',', '"', 'b', '"', ':',
                '"', (byte) 0xE2, (byte) 0x28, (byte) 0xA1, '"', '}'};
        assertThat(reason(bytes)).isEqualTo(InvalidEventException.Reason.NOT_JSON);
    }

    private static InvalidEventException.Reason reason(byte[] bytes) {
        try {
            Event.parse(bytes);
            return null;
        } catch (InvalidEventException e) {
            return e.reason();
        }
    }

    private static String randomRecord(Random random) {
        List<String> fields = new ArrayList<>();
        fields.add("\"timestamp\"" + sp(random) + ":" + sp(random)
                + (random.nextBoolean() ? "\"2024-05-01T10:00:00.123Z\"" : "1714557600000"));
        int count = random.nextInt(9);
        for (int i = 0; i < count; i++) {
            fields.add(sp(random) + "\"" + NAMES[random.nextInt(NAMES.length)] + "\"" + sp(random) + ":" + sp(random)
                    + VALUES[random.nextInt(VALUES.length)] + sp(random));
        }
        java.util.Collections.shuffle(fields, random);
        return sp(random) + "{" + String.join(",", fields) + "}" + sp(random);
    }

    private static String sp(Random random) {
        return SPACE[random.nextInt(SPACE.length)];
    }
}
