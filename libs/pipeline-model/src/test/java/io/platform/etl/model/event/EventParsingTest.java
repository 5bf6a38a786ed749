package io.platform.etl.model.event;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventParsingTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static InvalidEventException.Reason reasonOf(byte[] bytes) {
        try {
            Event.parse(bytes);
        } catch (InvalidEventException e) {
            assertThat(e.getMessage()).isNotBlank();
            return e.reason();
        }
        throw new AssertionError("expected InvalidEventException");
    }

    @Test
    void readsKnownFields() {
        Event event = Event.parse(utf8("""
                {"event_id":"e-1","user_id":"u-1","event_type":"click","timestamp":"2024-05-01T10:00:00Z",
                 "amount":12.50,"ip_address":"10.0.0.1"}"""));
        assertThat(event.eventId()).isEqualTo("e-1");
        assertThat(event.userId()).isEqualTo("u-1");
        assertThat(event.eventType()).isEqualTo("click");
        assertThat(event.ipAddress()).isEqualTo("10.0.0.1");
        assertThat(event.eventTime()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(event.amount()).contains(new BigDecimal("12.50"));
    }

    @Test
    void optionalFieldsAreNullOrEmptyWhenAbsent() {
        Event event = Event.parse(utf8("{\"timestamp\":0}"));
        assertThat(event.eventId()).isNull();
        assertThat(event.userId()).isNull();
        assertThat(event.eventType()).isNull();
        assertThat(event.ipAddress()).isNull();
        assertThat(event.amount()).isEmpty();
    }

    @Test
    void stringAccessorsReturnNullForJsonNullAndContainers() {
        Event event = Event.parse(utf8("{\"timestamp\":0,\"user_id\":null,\"event_type\":{\"a\":1},\"event_id\":[1]}"));
        assertThat(event.userId()).isNull();
        assertThat(event.eventType()).isNull();
        assertThat(event.eventId()).isNull();
    }

    @Test
    void numericIdsReadAsText() {
        Event event = Event.parse(utf8("{\"timestamp\":0,\"user_id\":42,\"event_id\":true}"));
        assertThat(event.userId()).isEqualTo("42");
        assertThat(event.eventId()).isEqualTo("true");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"2024-05-01T10:00:00Z\"          | 2024-05-01T10:00:00Z",
            "\"2024-05-01T10:00:00.123Z\"      | 2024-05-01T10:00:00.123Z",
            "\"2024-05-01T12:00:00+02:00\"     | 2024-05-01T10:00:00Z",
            "1714557600000                     | 2024-05-01T10:00:00Z",
            "\"1714557600000\"                 | 2024-05-01T10:00:00Z",
            "0                                 | 1970-01-01T00:00:00Z",
            "-1000                             | 1969-12-31T23:59:59Z",
            "1714557600000.0                   | 2024-05-01T10:00:00Z",
            "\" 1714557600000 \"               | 2024-05-01T10:00:00Z"})
    void readsTimestampForms(String json, String expected) {
        Event event = Event.parse(utf8("{\"timestamp\":" + json + "}"));
        assertThat(event.eventTime()).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"yesterday\"", "\"\"", "true", "{}", "[]", "1.5", "\"2024-05-01\"",
            "\"2024-13-01T10:00:00Z\"", "\"12ab\"", "99999999999999999999999", "\"-\"", "\"2024-05-01 10:00:00Z\""})
    void rejectsUnreadableTimestamp(String json) {
        assertThat(reasonOf(utf8("{\"timestamp\":" + json + "}"))).isEqualTo(InvalidEventException.Reason.BAD_TIMESTAMP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"timestamp\":null}", "{\"ts\":1}"})
    void rejectsMissingTimestamp(String json) {
        assertThat(reasonOf(utf8(json))).isEqualTo(InvalidEventException.Reason.MISSING_TIMESTAMP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"timestamp\":0}]", "\"text\"", "42", "true", "null"})
    void rejectsNonObjects(String json) {
        assertThat(reasonOf(utf8(json))).isEqualTo(InvalidEventException.Reason.NOT_OBJECT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "not json", "{\"a\":}", "{\"timestamp\":0} trailing", "{\"timestamp\":0}{}",
            "   ", "{'a':1}"})
    void rejectsInvalidJson(String json) {
        assertThat(reasonOf(utf8(json))).isEqualTo(InvalidEventException.Reason.NOT_JSON);
    }

    @Test
    void rejectsEmptyAndNullRecordsAsNotJson() {
        assertThat(reasonOf(new byte[0])).isEqualTo(InvalidEventException.Reason.NOT_JSON);
        assertThat(reasonOf(null)).isEqualTo(InvalidEventException.Reason.NOT_JSON);
    }

    @Test
    void rejectsInvalidUtf8AsNotJson() {
        byte[] bytes = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThat(reasonOf(bytes)).isEqualTo(InvalidEventException.Reason.NOT_JSON);
    }

    @Test
    void rejectsRecordsOverTheLimit() {
        EventCodec codec = new EventCodec(32);
        byte[] big = utf8("{\"timestamp\":0,\"pad\":\"" + "x".repeat(40) + "\"}");
        assertThatThrownBy(() -> codec.decode(big))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidEventException.Reason.TOO_LARGE))
                .hasMessageContaining("limit is 32");
        assertThat(codec.decode(utf8("{\"timestamp\":0}")).eventTime()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void reasonCodesAreLowercase() {
        assertThat(InvalidEventException.Reason.values())
                .extracting(InvalidEventException.Reason::code)
                .containsExactly("not_json", "not_object", "missing_timestamp", "bad_timestamp", "too_large");
        assertThat(InvalidEventException.Reason.TOO_LARGE).hasToString("too_large");
    }

    @Test
    void keepsUnknownFieldsAndExactNumbersOnRoundTrip() throws Exception {
        String json = "{\"timestamp\":\"2024-05-01T10:00:00Z\",\"price\":1.10,\"big\":123456789012345678901234567890,"
                + "\"precise\":0.1000000000000000000000001,\"nested\":{\"list\":[1,\"two\",null,true]},\"e\":1E+3,"
                + "\"unicode\":\"привет ✓\"}";
        Event event = Event.parse(utf8(json));
        byte[] out = event.toBytes();
        JsonNode expected = EventCodec.mapper().readTree(json);
        assertThat(EventCodec.mapper().readTree(out)).isEqualTo(expected);
        assertThat(new String(out, StandardCharsets.UTF_8)).contains("1.10", "123456789012345678901234567890",
                "0.1000000000000000000000001", "привет ✓");
        assertThat(Event.parse(out)).isEqualTo(event);
    }

    @Test
    void amountAcceptsNumericStringsAndIgnoresOtherTypes() {
        assertThat(Event.parse(utf8("{\"timestamp\":0,\"amount\":\"19.99\"}")).amount()).contains(new BigDecimal("19.99"));
        assertThat(Event.parse(utf8("{\"timestamp\":0,\"amount\":7}")).amount()).contains(new BigDecimal("7"));
        assertThat(Event.parse(utf8("{\"timestamp\":0,\"amount\":\"ten\"}")).amount()).isEmpty();
        assertThat(Event.parse(utf8("{\"timestamp\":0,\"amount\":null}")).amount()).isEmpty();
        assertThat(Event.parse(utf8("{\"timestamp\":0,\"amount\":[1]}")).amount()).isEmpty();
    }

    @Test
    void withFieldReturnsNewEventAndLeavesOriginal() {
        Event event = Event.parse(utf8("{\"timestamp\":0,\"user_id\":\"u\"}"));
        Event enriched = event.withField("region", EventCodec.mapper().getNodeFactory().textNode("EU"));
        assertThat(enriched.field("region").asText()).isEqualTo("EU");
        assertThat(event.field("region").isMissingNode()).isTrue();
        assertThat(enriched.eventTime()).isEqualTo(event.eventTime());
    }

    @Test
    void withFieldRereadsTimestampWhenReplaced() {
        Event event = Event.parse(utf8("{\"timestamp\":0}"));
        var nodes = EventCodec.mapper().getNodeFactory();
        assertThat(event.withField("timestamp", nodes.numberNode(1000L)).eventTime()).isEqualTo(Instant.ofEpochSecond(1));
        assertThatThrownBy(() -> event.withField("timestamp", nodes.textNode("bad")))
                .isInstanceOf(InvalidEventException.class);
    }

    @Test
    void jsonReturnsACopy() {
        Event event = Event.parse(utf8("{\"timestamp\":0}"));
        event.json().put("x", 1);
        assertThat(event.field("x").isMissingNode()).isTrue();
    }
}
