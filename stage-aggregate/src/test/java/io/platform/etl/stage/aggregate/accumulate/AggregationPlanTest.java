package io.platform.etl.stage.aggregate.accumulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.platform.etl.model.event.Event;
import io.platform.etl.model.spec.AggregateFunction;
import io.platform.etl.model.spec.StageConfig;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AggregationPlanTest {

    /** Records: {@code ;}-separated JSON fragments; each gets {@code "timestamp"} 10:00:0i. */
    @ParameterizedTest(name = "{0}({1}) over [{2}] = {3}")
    @CsvSource(delimiter = '|', value = {
            "sum   | amount    | \"amount\":10.5;\"amount\":20;\"amount\":-0.5 | 30",
            "sum   | amount    | \"amount\":1.25;\"x\":1                      | 1.25",
            "sum   | amount    | \"x\":1;\"amount\":null;\"amount\":\"abc\"    | 0",
            "sum   | amount    | \"amount\":\"2.5\";\"amount\":{}               | 2.5",
            "sum   | amount    | \"amount\":100;\"amount\":900                 | 1000",
            "count | event_count | \"x\":1;\"amount\":2;\"y\":null             | 3",
            "count | event_count | \"x\":1                                    | 1",
            "min   | amount    | \"amount\":3;\"amount\":-2.5;\"x\":1          | -2.5",
            "max   | amount    | \"amount\":3;\"amount\":-2.5;\"amount\":\"7\" | 7",
            "max   | amount    | \"x\":1;\"amount\":\"n/a\"                    | null",
            "min   | amount    | \"x\":1                                     | null",
            "avg   | amount    | \"amount\":1;\"amount\":2;\"x\":1             | 1.5",
            "avg   | amount    | \"amount\":1;\"amount\":1;\"amount\":2        | 1.333333333333333333333333333333333",
            "avg   | amount    | \"x\":1                                     | null",
            "max   | timestamp | \"x\":1;\"x\":2;\"x\":3                       | \"2024-05-01T10:00:02Z\"",
            "min   | timestamp | \"x\":1;\"x\":2;\"x\":3                       | \"2024-05-01T10:00:00Z\"",
            "max   | nested.v  | \"nested\":{\"v\":4};\"nested\":{\"v\":9}      | 9"})
    void computesEachFunctionAndSurvivesAnEncodeDecodeAfterEveryRecord(String function, String field,
                                                                      String records, String expected)
            throws IOException {
        AggregationPlan plan = AggregationPlan.compile(List.of(new StageConfig.Aggregation(field,
                AggregateFunction.fromYaml(function).orElseThrow(), "out")), Set.of());
        WindowState state = plan.newState();
        String[] parts = records.split(";");
        for (int i = 0; i < parts.length; i++) {
            String json = "{" + parts[i] + ",\"timestamp\":\"2024-05-01T10:00:0" + (i % 10) + "Z\"}";
            // Across the hop: the sample travels encoded (ADR 0707).
            state.add(plan.decodeSample(plan.encode(plan.sample(Event.parse(json.getBytes(StandardCharsets.UTF_8))))));
            state = plan.decode(plan.encode(state));
        }
        assertThat(results(plan, state)).isEqualTo("{\"out\":" + expected + "}");
    }

    @Test
    void aSampleKeepsEveryValueExactlyAcrossTheHopAndIsRefusedByAnotherPlan() {
        AggregationPlan plan = AggregationPlan.compile(List.of(
                new StageConfig.Aggregation("amount", AggregateFunction.SUM, "a"),
                new StageConfig.Aggregation("price", AggregateFunction.MAX, "b"),
                new StageConfig.Aggregation("qty", AggregateFunction.AVG, "c"),
                new StageConfig.Aggregation("timestamp", AggregateFunction.MIN, "d"),
                new StageConfig.Aggregation("event_count", AggregateFunction.COUNT, "e")), Set.of());
        Sample sample = plan.sample(Event.parse(("{\"amount\":123456789012345678901234567.125,\"price\":\"-0.50\","
                + "\"qty\":\"n/a\",\"timestamp\":\"2024-05-01T10:03:00.250Z\"}").getBytes(StandardCharsets.UTF_8)));
        Sample back = plan.decodeSample(plan.encode(sample));
        assertThat(back.eventTime()).isEqualTo(java.time.Instant.parse("2024-05-01T10:03:00.250Z").toEpochMilli());
        assertThat(back.values()).containsExactly(new java.math.BigDecimal("123456789012345678901234567.125"),
                new java.math.BigDecimal("-0.50"), null, null, null);

        AggregationPlan other = AggregationPlan.compile(List.of(
                new StageConfig.Aggregation("amount", AggregateFunction.SUM, "a")), Set.of());
        assertThat(other.decodeSample(plan.encode(sample))).as("written for five measures").isNull();
        assertThat(plan.decodeSample(new byte[] {9, 9})).isNull();
    }

    @Test
    void writesTheSeedsThreeAggregationsUnderTheirAliasesInSpecOrder() throws IOException {
        AggregationPlan plan = AggregationPlan.compile(List.of(
                new StageConfig.Aggregation("amount", AggregateFunction.SUM, "total_amount"),
                new StageConfig.Aggregation("event_count", AggregateFunction.COUNT, "event_count"),
                new StageConfig.Aggregation("timestamp", AggregateFunction.MAX, "last_event_time")), Set.of());
        WindowState state = plan.newState();
        state.add(plan.sample(Event.parse("{\"amount\":5,\"timestamp\":1714557600000}"
                .getBytes(StandardCharsets.UTF_8))));
        state.add(plan.sample(Event.parse("{\"timestamp\":\"2024-05-01T10:03:00Z\"}".getBytes(StandardCharsets.UTF_8))));
        assertThat(results(plan, state)).isEqualTo(
                "{\"total_amount\":5,\"event_count\":2,\"last_event_time\":\"2024-05-01T10:03:00Z\"}");
    }

    @Test
    void keepsTheVersionAndFinalFlagThroughEncoding() {
        AggregationPlan plan = AggregationPlan.compile(List.of(
                new StageConfig.Aggregation("amount", AggregateFunction.SUM, "s")), Set.of());
        WindowState state = plan.newState();
        assertThat(state.nextVersion(false)).isEqualTo(1);
        assertThat(state.nextVersion(true)).isEqualTo(2);
        WindowState decoded = plan.decode(plan.encode(state));
        assertThat(decoded.version()).isEqualTo(2);
        assertThat(decoded.finalEmitted()).isTrue();
        assertThat(decoded.changed()).isFalse();
        assertThat(plan.encode(plan.newState())).hasSizeLessThan(24);
    }

    @Test
    void keepsAChangeNotYetEmittedThroughEncodingUntilTheNextResult() {
        AggregationPlan plan = AggregationPlan.compile(List.of(
                new StageConfig.Aggregation("amount", AggregateFunction.SUM, "s")), Set.of());
        WindowState state = plan.newState();
        state.markChanged();
        WindowState restored = plan.decode(plan.encode(state));
        assertThat(restored.changed()).isTrue();
        assertThat(restored.finalEmitted()).isFalse();
        restored.nextVersion(false);
        assertThat(plan.decode(plan.encode(restored)).changed()).isFalse();
    }

    @Test
    void tellsAChangedStateFromItsBytesAlone() {
        AggregationPlan plan = AggregationPlan.compile(List.of(
                new StageConfig.Aggregation("amount", AggregateFunction.SUM, "s")), Set.of());
        WindowState state = plan.newState();
        state.nextVersion(true);
        assertThat(AggregationPlan.changed(plan.encode(state))).isFalse();
        state.markChanged();
        assertThat(AggregationPlan.changed(plan.encode(state))).isTrue();
    }

    @Test
    void readsStateWrittenBeforeTheChangedFlagAsNotChanged() {
        AggregationPlan plan = AggregationPlan.compile(List.of(
                new StageConfig.Aggregation("amount", AggregateFunction.SUM, "s")), Set.of());
        WindowState state = plan.newState();
        state.nextVersion(true);
        byte[] bytes = plan.encode(state);
        bytes[0] = 1;
        WindowState old = plan.decode(bytes);
        assertThat(old.finalEmitted()).isTrue();
        assertThat(old.changed()).isFalse();
        assertThat(old.version()).isEqualTo(1);
    }

    @Test
    void rejectsAnAliasThatCollidesWithAGroupFieldOrAnotherAlias() {
        List<StageConfig.Aggregation> clash = List.of(
                new StageConfig.Aggregation("amount", AggregateFunction.SUM, "user_id"));
        assertThatThrownBy(() -> AggregationPlan.compile(clash, Set.of("user_id", "window_start")))
                .hasMessageContaining("alias \"user_id\"");
        List<StageConfig.Aggregation> twice = List.of(
                new StageConfig.Aggregation("amount", AggregateFunction.SUM, "x"),
                new StageConfig.Aggregation("amount", AggregateFunction.MAX, "x"));
        assertThatThrownBy(() -> AggregationPlan.compile(twice, Set.of())).hasMessageContaining("alias \"x\"");
        assertThatThrownBy(() -> AggregationPlan.compile(List.of(), Set.of())).hasMessageContaining("empty");
    }

    @Test
    void refusesStateWrittenInAnotherFormat() {
        AggregationPlan plan = AggregationPlan.compile(List.of(
                new StageConfig.Aggregation("amount", AggregateFunction.SUM, "s")), Set.of());
        byte[] bytes = plan.encode(plan.newState());
        bytes[0] = 9;
        assertThatThrownBy(() -> plan.decode(Arrays.copyOf(bytes, bytes.length))).hasMessageContaining("format 9");
    }

    /** The fields {@code writeResults} writes, inside an object. */
    private static String results(AggregationPlan plan, WindowState state) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = new ObjectMapper().createGenerator(text)) {
            out.writeStartObject();
            plan.writeResults(state, out);
            out.writeEndObject();
        }
        return text.toString();
    }
}
