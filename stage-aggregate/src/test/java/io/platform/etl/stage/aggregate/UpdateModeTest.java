package io.platform.etl.stage.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Golden results of {@code output_mode: update} with the pipeline spec's group_by and aggregations. */
class UpdateModeTest {

    private final PartitionHarness stage = new PartitionHarness(TestSpecs.seedWith("update", "drop"),
            PartitionHarness.settings());

    @AfterEach
    void close() {
        stage.close();
    }

    @Test
    void emitsTheCurrentResultOfEveryChangedGroupOncePerEmitIntervalWithRisingVersions() {
        stage.send("2024-05-01T10:03:00Z", "\"user_id\":\"u1\",\"event_type\":\"click\",\"region\":\"EU\",\"amount\":10");
        stage.send("2024-05-01T10:00:00Z", "\"user_id\":\"u1\",\"event_type\":\"click\",\"region\":\"EU\",\"amount\":5.5");
        stage.send("2024-05-01T10:04:59.999Z", "\"user_id\":\"u1\",\"event_type\":\"click\",\"region\":\"EU\"");
        stage.send("2024-05-01T10:05:00Z", "\"user_id\":\"u1\",\"event_type\":\"click\",\"region\":\"EU\",\"amount\":1");
        stage.send("2024-05-01T10:01:00Z", "\"user_id\":\"u2\",\"event_type\":\"click\",\"amount\":2");
        assertThat(stage.results()).as("nothing before the emit interval").isEmpty();

        stage.tick();
        assertThat(stage.results()).containsExactly(
                "{\"window_start\":\"2024-05-01T10:00:00Z\",\"window_end\":\"2024-05-01T10:05:00Z\",\"user_id\":\"u1\","
                        + "\"event_type\":\"click\",\"region\":\"EU\",\"total_amount\":15.5,\"event_count\":3,"
                        + "\"last_event_time\":\"2024-05-01T10:04:59.999Z\",\"final\":false,\"version\":1}",
                "{\"window_start\":\"2024-05-01T10:00:00Z\",\"window_end\":\"2024-05-01T10:05:00Z\",\"user_id\":\"u2\","
                        + "\"event_type\":\"click\",\"region\":null,\"total_amount\":2,\"event_count\":1,"
                        + "\"last_event_time\":\"2024-05-01T10:01:00Z\",\"final\":false,\"version\":1}",
                "{\"window_start\":\"2024-05-01T10:05:00Z\",\"window_end\":\"2024-05-01T10:10:00Z\",\"user_id\":\"u1\","
                        + "\"event_type\":\"click\",\"region\":\"EU\",\"total_amount\":1,\"event_count\":1,"
                        + "\"last_event_time\":\"2024-05-01T10:05:00Z\",\"final\":false,\"version\":1}");
        stage.tick();
        assertThat(stage.results()).as("nothing changed").isEmpty();

        stage.send("2024-05-01T10:02:00Z", "\"user_id\":\"u1\",\"event_type\":\"click\",\"region\":\"EU\",\"amount\":4.5");
        stage.tick();
        assertThat(stage.results()).containsExactly(
                "{\"window_start\":\"2024-05-01T10:00:00Z\",\"window_end\":\"2024-05-01T10:05:00Z\",\"user_id\":\"u1\","
                        + "\"event_type\":\"click\",\"region\":\"EU\",\"total_amount\":20,\"event_count\":4,"
                        + "\"last_event_time\":\"2024-05-01T10:04:59.999Z\",\"final\":false,\"version\":2}");
        assertThat(stage.outcomes(Outcomes.AGGREGATED)).isEqualTo(6);
    }

    @Test
    void closesWithOneFinalResultPerGroupWhenTheWatermarkReachesEndPlusLateness() {
        stage.send("2024-05-01T10:01:00Z", "\"user_id\":\"u1\",\"event_type\":\"click\",\"region\":\"EU\",\"amount\":3");
        stage.send("2024-05-01T10:06:00Z", "\"user_id\":\"u1\",\"event_type\":\"click\",\"region\":\"EU\",\"amount\":4");
        stage.tick();
        assertThat(stage.results()).hasSize(2);

        stage.clock.watermark("2024-05-01T10:05:59.999Z");
        stage.tick();
        assertThat(stage.results()).as("within the allowed lateness").isEmpty();

        stage.clock.watermark("2024-05-01T10:06:00Z");
        stage.tick();
        assertThat(stage.results()).containsExactly(
                "{\"window_start\":\"2024-05-01T10:00:00Z\",\"window_end\":\"2024-05-01T10:05:00Z\",\"user_id\":\"u1\","
                        + "\"event_type\":\"click\",\"region\":\"EU\",\"total_amount\":3,\"event_count\":1,"
                        + "\"last_event_time\":\"2024-05-01T10:01:00Z\",\"final\":true,\"version\":2}");
        stage.clock.watermark("2024-05-01T10:08:00Z");
        stage.tick();
        assertThat(stage.results()).isEmpty();
    }

    @Test
    void keepsOneResultPerGroupPerIntervalHoweverManyRecordsChangedIt() {
        for (int i = 0; i < 100; i++) {
            stage.send("2024-05-01T10:0" + (i % 5) + ":00Z", "\"user_id\":\"u1\",\"event_type\":\"view\",\"amount\":1");
        }
        stage.tick();
        assertThat(stage.results()).singleElement().satisfies(result -> assertThat(result)
                .contains("\"total_amount\":100,\"event_count\":100").contains("\"version\":1"));
    }

    @Test
    void keysEachResultByWindowStartAndGroupSoConsumersCanUpsert() {
        stage.send("2024-05-01T10:01:00Z", "\"user_id\":\"u1\",\"event_type\":\"click\"");
        stage.tick();
        var record = stage.resultRecords().getFirst();
        assertThat(record.key()).isEqualTo("{\"window_start\":\"2024-05-01T10:00:00Z\",\"user_id\":\"u1\","
                + "\"event_type\":\"click\",\"region\":null}");
        assertThat(record.timestamp()).as("last millisecond of the window")
                .isEqualTo(java.time.Instant.parse("2024-05-01T10:04:59.999Z").toEpochMilli());
    }
}
