package io.platform.etl.stage.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Golden results of {@code output_mode: final}: one result per (window, group), when the window closes. */
class FinalModeTest {

    private final PartitionHarness stage = new PartitionHarness(TestSpecs.seedWith("final", "drop"),
            PartitionHarness.settings());

    @AfterEach
    void close() {
        stage.close();
    }

    @Test
    void emitsExactlyOneFinalResultPerWindowAndGroupIncludingRecordsLateWithinTheAllowedLateness() {
        stage.send("2024-05-01T10:04:00Z", "\"user_id\":\"u1\",\"event_type\":\"click\",\"region\":\"EU\",\"amount\":1");
        stage.send("2024-05-01T10:09:00Z", "\"user_id\":\"u1\",\"event_type\":\"click\",\"region\":\"EU\",\"amount\":9");
        stage.tick();
        assertThat(stage.results()).isEmpty();

        stage.clock.watermark("2024-05-01T10:05:30Z");
        stage.tick();
        stage.send("2024-05-01T10:00:00Z", "\"user_id\":\"u1\",\"event_type\":\"click\",\"region\":\"EU\",\"amount\":2");
        stage.send("2024-05-01T10:02:00Z", "\"user_id\":\"u3\",\"event_type\":\"click\",\"region\":\"US\"");
        stage.tick();
        assertThat(stage.results()).as("late but within the allowed lateness: folded in, nothing emitted").isEmpty();

        stage.clock.watermark("2024-05-01T10:06:00Z");
        stage.tick();
        assertThat(stage.results()).containsExactly(
                "{\"window_start\":\"2024-05-01T10:00:00Z\",\"window_end\":\"2024-05-01T10:05:00Z\",\"user_id\":\"u1\","
                        + "\"event_type\":\"click\",\"region\":\"EU\",\"total_amount\":3,\"event_count\":2,"
                        + "\"last_event_time\":\"2024-05-01T10:04:00Z\",\"final\":true,\"version\":1}",
                "{\"window_start\":\"2024-05-01T10:00:00Z\",\"window_end\":\"2024-05-01T10:05:00Z\",\"user_id\":\"u3\","
                        + "\"event_type\":\"click\",\"region\":\"US\",\"total_amount\":0,\"event_count\":1,"
                        + "\"last_event_time\":\"2024-05-01T10:02:00Z\",\"final\":true,\"version\":1}");
        stage.tick();
        stage.clock.watermark("2024-05-01T10:10:59Z");
        stage.tick();
        assertThat(stage.results()).isEmpty();

        stage.clock.watermark("2024-05-01T10:11:00Z");
        stage.tick();
        assertThat(stage.results()).containsExactly(
                "{\"window_start\":\"2024-05-01T10:05:00Z\",\"window_end\":\"2024-05-01T10:10:00Z\",\"user_id\":\"u1\","
                        + "\"event_type\":\"click\",\"region\":\"EU\",\"total_amount\":9,\"event_count\":1,"
                        + "\"last_event_time\":\"2024-05-01T10:09:00Z\",\"final\":true,\"version\":1}");
    }

    @Test
    void closesAtMostCloseBatchWindowsPerEmitIntervalAndEveryOneExactlyOnce() {
        PartitionHarness small = new PartitionHarness(TestSpecs.seedWith("final", "drop"),
                new AggregateSettings(PartitionHarness.EMIT, java.time.Duration.ofSeconds(30),
                        java.time.Duration.ofHours(1), 2));
        try {
            for (int u = 1; u <= 5; u++) {
                small.send("2024-05-01T10:01:00Z", "\"user_id\":\"u" + u + "\",\"event_type\":\"click\",\"region\":\"EU\"");
            }
            small.send("2024-05-01T10:06:00Z", "\"user_id\":\"u1\",\"event_type\":\"click\",\"region\":\"EU\"");
            small.clock.watermark("2024-05-01T10:06:00Z");
            small.tick();
            assertThat(small.results()).hasSize(2);
            small.send("2024-05-01T10:02:00Z", "\"user_id\":\"u9\",\"event_type\":\"click\",\"region\":\"EU\"");
            small.tick();
            assertThat(small.results()).as("the next two; a record for the closable window is late meanwhile")
                    .hasSize(2).noneMatch(r -> r.contains("u9"));
            small.tick();
            assertThat(small.results()).hasSize(1).allMatch(r -> r.contains("\"final\":true"));
            small.tick();
            small.clock.watermark("2024-05-01T10:11:00Z");
            small.tick();
            assertThat(small.results()).as("the next window, then nothing more").hasSize(1)
                    .allMatch(r -> r.contains("10:05:00Z") && r.contains("\"user_id\":\"u1\""));
        } finally {
            small.close();
        }
    }

    @Test
    void closesWindowsByTheWallClockOnlyOnceTheWholeInputWasIdleForTheTimeout() {
        stage.send("2024-05-01T10:01:00Z", "\"user_id\":\"u1\",\"event_type\":\"click\",\"region\":\"EU\"");
        stage.advanceWallClock(java.time.Duration.ofHours(1));
        assertThat(stage.results()).as("input not idle: an unknown watermark holds the window open").isEmpty();

        stage.clock.idle(true);
        stage.tick();
        stage.advanceWallClock(java.time.Duration.ofMillis(29_800));
        assertThat(stage.results()).as("idle for less than the 30 s timeout").isEmpty();
        stage.advanceWallClock(java.time.Duration.ofMillis(200));
        assertThat(stage.results()).singleElement().satisfies(r -> assertThat(r).contains("\"final\":true"));

        stage.clock.idle(false);
        stage.send("2024-05-01T10:02:00Z", "\"user_id\":\"u1\",\"event_type\":\"click\",\"region\":\"EU\"");
        stage.tick();
        assertThat(stage.outcomes(Outcomes.LATE_DROPPED)).as("the window stays closed").isEqualTo(1);
    }
}
