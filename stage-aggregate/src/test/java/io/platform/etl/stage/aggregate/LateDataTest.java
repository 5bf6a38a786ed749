package io.platform.etl.stage.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.header.Header;

import org.junit.jupiter.api.Test;

/** Records later than window end + allowed lateness, in each {@code late_data_handling} mode. */
class LateDataTest {

    private static final String ON_TIME = "\"user_id\":\"u1\",\"event_type\":\"click\",\"region\":\"EU\",\"amount\":1";
    private static final String LATE = "\"user_id\":\"u1\",\"event_type\":\"click\",\"region\":\"EU\",\"amount\":3";

    @Test
    void dropsALateRecordAndCountsIt() {
        try (PartitionHarness stage = closedWindow("final", "drop")) {
            stage.send("2024-05-01T10:04:00Z", LATE);
            stage.tick();
            assertThat(stage.results()).isEmpty();
            assertThat(stage.lateRecords()).isEmpty();
            assertThat(stage.outcomes(Outcomes.LATE_DROPPED)).isEqualTo(1);
        }
    }

    @Test
    void sendsALateRecordUnchangedToTheLateTopicWithHeadersNamingWindowWatermarkAndLateness() {
        try (PartitionHarness stage = closedWindow("update", "dead_letter")) {
            stage.send("2024-05-01T10:04:00Z", LATE);
            stage.tick();
            assertThat(stage.results()).isEmpty();
            PartitionHarness.Out late = stage.lateRecords().getFirst();
            assertThat(late.key()).isEqualTo("k");
            assertThat(late.value()).isEqualTo("{" + LATE + ",\"timestamp\":\"2024-05-01T10:04:00Z\"}");
            assertThat(headers(late)).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                    "x-late-by-ms", "120000",
                    "x-late-reason", "window_closed",
                    "x-late-stage", "aggregate",
                    "x-late-watermark", "2024-05-01T10:06:00Z",
                    "x-late-window-end", "2024-05-01T10:05:00Z",
                    "x-late-window-start", "2024-05-01T10:00:00Z")));
            assertThat(stage.outcomes(Outcomes.LATE_DEAD_LETTER)).isEqualTo(1);
        }
    }

    @Test
    void foldsALateRecordIntoTheRetainedWindowAndReEmitsTheCorrectedFinalResultWithAHigherVersion() {
        try (PartitionHarness stage = closedWindow("final", "process")) {
            stage.send("2024-05-01T10:04:00Z", LATE);
            stage.send("2024-05-01T10:03:00Z", "\"user_id\":\"u9\",\"event_type\":\"click\"");
            stage.tick();
            assertThat(stage.results()).containsExactly(
                    "{\"window_start\":\"2024-05-01T10:00:00Z\",\"window_end\":\"2024-05-01T10:05:00Z\",\"user_id\":\"u1\","
                            + "\"event_type\":\"click\",\"region\":\"EU\",\"total_amount\":4,\"event_count\":2,"
                            + "\"last_event_time\":\"2024-05-01T10:04:00Z\",\"final\":true,\"version\":2}",
                    "{\"window_start\":\"2024-05-01T10:00:00Z\",\"window_end\":\"2024-05-01T10:05:00Z\",\"user_id\":\"u9\","
                            + "\"event_type\":\"click\",\"region\":null,\"total_amount\":0,\"event_count\":1,"
                            + "\"last_event_time\":\"2024-05-01T10:03:00Z\",\"final\":true,\"version\":1}");
            assertThat(stage.outcomes(Outcomes.LATE_PROCESSED)).isEqualTo(2);

            stage.clock.watermark("2024-05-01T11:06:00Z");
            stage.tick();
            stage.send("2024-05-01T10:04:30Z", LATE);
            stage.tick();
            assertThat(stage.results()).as("retention over: the window is gone").isEmpty();
            assertThat(stage.lateRecords()).singleElement().satisfies(r ->
                    assertThat(headers(r)).containsEntry("x-late-reason", "retention_expired"));
            assertThat(stage.outcomes(Outcomes.LATE_EXPIRED)).isEqualTo(1);
        }
    }

    /** A stage whose window 10:00-10:05 (one record of u1) was closed by watermark 10:06. */
    private static PartitionHarness closedWindow(String outputMode, String handling) {
        PartitionHarness stage = new PartitionHarness(TestSpecs.seedWith(outputMode, handling), PartitionHarness.settings());
        stage.send("2024-05-01T10:02:00Z", ON_TIME);
        stage.clock.watermark("2024-05-01T10:06:00Z");
        stage.tick();
        assertThat(stage.results()).last().satisfies(r -> assertThat(r).contains("\"final\":true"));
        return stage;
    }

    private static Map<String, String> headers(PartitionHarness.Out record) {
        Map<String, String> headers = new TreeMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}
