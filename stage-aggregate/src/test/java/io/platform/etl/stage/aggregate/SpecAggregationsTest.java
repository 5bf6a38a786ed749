package io.platform.etl.stage.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The aggregations come from the spec, not from code. */
class SpecAggregationsTest {

    @Test
    void computesTheAggregationsTheSpecListsUnderItsAliases() {
        String aggregations = """
                - field: "amount"
                  function: "min"
                  alias: "min_amount"
                - field: "amount"
                  function: "avg"
                  alias: "avg_amount"
                - field: "amount"
                  function: "max"
                  alias: "max_amount"
                - field: "anything"
                  function: "count"
                  alias: "n"
                - field: "timestamp"
                  function: "min"
                  alias: "first_event_time"
                """;
        try (PartitionHarness stage = new PartitionHarness(TestSpecs.seedWith("final", "drop", aggregations),
                PartitionHarness.settings())) {
            stage.send("2024-05-01T10:03:00Z", "\"user_id\":\"u1\",\"event_type\":\"buy\",\"region\":\"EU\",\"amount\":4");
            stage.send("2024-05-01T10:01:00Z", "\"user_id\":\"u1\",\"event_type\":\"buy\",\"region\":\"EU\",\"amount\":-1");
            stage.send("2024-05-01T10:02:00Z", "\"user_id\":\"u1\",\"event_type\":\"buy\",\"region\":\"EU\"");
            stage.clock.watermark("2024-05-01T10:06:00Z");
            stage.tick();
            assertThat(stage.results()).containsExactly(
                    "{\"window_start\":\"2024-05-01T10:00:00Z\",\"window_end\":\"2024-05-01T10:05:00Z\","
                            + "\"user_id\":\"u1\",\"event_type\":\"buy\",\"region\":\"EU\",\"min_amount\":-1,"
                            + "\"avg_amount\":1.5,\"max_amount\":4,\"n\":3,"
                            + "\"first_event_time\":\"2024-05-01T10:01:00Z\",\"final\":true,\"version\":1}");
        }
    }
}
