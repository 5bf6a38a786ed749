package io.platform.etl.stage.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A partition's state rebuilt from its changelog (as a new owner or the runtime after an abort does) goes on exactly
 * where the committed state was: versions continue, closed windows stay closed, an unfinished batched close ends
 * with one final result per (window, group).
 */
class RestoreTest {

    private static final String U1 = "\"user_id\":\"u1\",\"event_type\":\"click\",\"region\":\"EU\"";

    @Test
    void aHopRecordWithoutASampleFromBeforeTheUpgradeIsFoldedFromItsJson() {
        try (PartitionHarness stage = new PartitionHarness(TestSpecs.seedWith("update", "drop"),
                PartitionHarness.settings())) {
            stage.sendWithoutSample("2024-05-01T10:01:00Z", U1 + ",\"amount\":2.5");
            stage.send("2024-05-01T10:02:00Z", U1 + ",\"amount\":1");
            stage.tick();
            assertThat(stage.results()).singleElement().satisfies(r -> assertThat(r)
                    .contains("\"total_amount\":3.5,\"event_count\":2,\"last_event_time\":\"2024-05-01T10:02:00Z\""));
        }
    }

    @Test
    void aGroupChangedInSeveralLoopIterationsIsWrittenToTheChangelogOncePerCommit() {
        try (PartitionHarness stage = new PartitionHarness(TestSpecs.seedWith("update", "drop"),
                PartitionHarness.settings())) {
            for (int i = 0; i < 3; i++) {
                stage.send("2024-05-01T10:01:0" + i + "Z", U1 + ",\"amount\":1");
                stage.iterate(Duration.ofMillis(1));
            }
            assertThat(stage.changelogWrites()).as("nothing before the commit").isZero();
            stage.advanceWallClock(Duration.ofMillis(1));
            assertThat(stage.changelogWrites()).isEqualTo(1);
            assertThat(stage.results()).as("the first iteration's emit interval").singleElement()
                    .satisfies(r -> assertThat(r).contains("\"event_count\":1,"));

            stage.restart();
            stage.tick();
            assertThat(stage.results()).as("all three records in the state the commit wrote").singleElement()
                    .satisfies(r -> assertThat(r).contains("\"total_amount\":3").contains("\"event_count\":3")
                            .contains("\"version\":2"));
        }
    }

    @Test
    void versionsAndPendingResultsContinueAfterARestore() {
        try (PartitionHarness stage = new PartitionHarness(TestSpecs.seedWith("update", "drop"),
                PartitionHarness.settings())) {
            stage.send("2024-05-01T10:01:00Z", U1 + ",\"amount\":1");
            stage.tick();
            assertThat(stage.results()).singleElement().satisfies(r -> assertThat(r).contains("\"version\":1"));
            stage.send("2024-05-01T10:02:00Z", U1 + ",\"amount\":2");
            // The commit after the record writes its state change; the emit interval is not due yet.
            stage.advanceWallClock(Duration.ofMillis(1));
            stage.restart();

            stage.tick();
            assertThat(stage.results()).as("the change not emitted before the restart").containsExactly(
                    "{\"window_start\":\"2024-05-01T10:00:00Z\",\"window_end\":\"2024-05-01T10:05:00Z\","
                            + "\"user_id\":\"u1\",\"event_type\":\"click\",\"region\":\"EU\",\"total_amount\":3,"
                            + "\"event_count\":2,\"last_event_time\":\"2024-05-01T10:02:00Z\",\"final\":false,"
                            + "\"version\":2}");
            stage.clock.watermark("2024-05-01T10:06:00Z");
            stage.tick();
            assertThat(stage.results()).singleElement().satisfies(r -> assertThat(r)
                    .contains("\"event_count\":2").contains("\"final\":true,\"version\":3"));
            assertThat(stage.entries()).isZero();
        }
    }

    @Test
    void theWatermarkWindowsWereClosedByStaysAfterARestoreWithAnUnknownWatermark() {
        try (PartitionHarness stage = new PartitionHarness(TestSpecs.seedWith("final", "drop"),
                PartitionHarness.settings())) {
            stage.send("2024-05-01T10:01:00Z", U1);
            stage.clock.watermark("2024-05-01T10:06:00Z");
            stage.tick();
            assertThat(stage.results()).hasSize(1);
            stage.restart();
            stage.clock.unknown();

            stage.send("2024-05-01T10:02:00Z", U1);
            stage.tick();
            assertThat(stage.outcomes(Outcomes.LATE_DROPPED)).isEqualTo(1);
            assertThat(stage.results()).isEmpty();
            assertThat(stage.entries()).isZero();
        }
    }

    @Test
    void aBatchedCloseInterruptedByARestoreEmitsOneFinalResultPerGroup() {
        int groups = 5_000;
        try (PartitionHarness stage = new PartitionHarness(TestSpecs.seedWith("final", "drop"),
                new AggregateSettings(PartitionHarness.EMIT, Duration.ofSeconds(30), Duration.ofHours(1), 700))) {
            for (int i = 0; i < 3 * groups; i++) {
                stage.send("2024-05-01T10:0" + (i % 5) + ":00Z", "\"user_id\":\"u" + (i % groups)
                        + "\",\"event_type\":\"click\",\"amount\":1");
            }
            stage.send("2024-05-01T10:07:00Z", U1);
            stage.clock.watermark("2024-05-01T10:06:00Z");
            Map<String, Integer> finals = new HashMap<>();
            for (int tick = 0; tick < 4; tick++) {
                stage.tick();
                count(stage.results(), finals);
            }
            assertThat(finals).hasSize(4 * 700);
            stage.restart();
            for (int tick = 0; tick < 10; tick++) {
                stage.tick();
                count(stage.results(), finals);
            }
            assertThat(finals).hasSize(groups).allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1));
            assertThat(stage.entries()).as("the next window's group").isEqualTo(1);
        }
    }

    private static void count(List<String> results, Map<String, Integer> finals) {
        for (String result : results) {
            assertThat(result).contains("\"final\":true").contains("\"event_count\":3");
            String user = result.replaceAll(".*\"user_id\":\"([^\"]+)\".*", "$1");
            finals.merge(user, 1, Integer::sum);
        }
    }
}
