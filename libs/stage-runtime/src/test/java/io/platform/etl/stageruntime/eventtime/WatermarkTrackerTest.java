package io.platform.etl.stageruntime.eventtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WatermarkTrackerTest {

    private final WatermarkTracker tracker = new WatermarkTracker();

    @Test
    void staysUnknownUntilEverySourceWasHeardFrom() {
        tracker.observe(new WatermarkMark("a", 100, 3, false));
        tracker.observe(new WatermarkMark("b", 200, 3, false));
        assertThat(tracker.current()).isEqualTo(Long.MIN_VALUE);
        tracker.observe(new WatermarkMark("c", 50, 3, false));
        assertThat(tracker.current()).isEqualTo(50);
    }

    @Test
    void isTheMinimumOverSourcesNotTheMaximumSeen() {
        tracker.observe(new WatermarkMark("fast", 3_600_000, 2, false));
        tracker.observe(new WatermarkMark("slow", 1_000, 2, false));
        assertThat(tracker.current()).isEqualTo(1_000);
        tracker.observe(new WatermarkMark("slow", 2_000, 2, false));
        assertThat(tracker.current()).isEqualTo(2_000);
    }

    @Test
    void leavesIdleSourcesOutOfTheMinimum() {
        tracker.observe(new WatermarkMark("a", 500, 2, false));
        tracker.observe(new WatermarkMark("quiet", 10, 2, true));
        assertThat(tracker.current()).isEqualTo(500);
        assertThat(tracker.idle()).isFalse();
    }

    @Test
    void isIdleOnlyWhenAllSourcesAreAndThenHoldsAtTheLowest() {
        tracker.observe(new WatermarkMark("a", 500, 2, true));
        tracker.observe(new WatermarkMark("b", 300, 2, true));
        assertThat(tracker.idle()).isTrue();
        assertThat(tracker.current()).isEqualTo(300);
    }

    @Test
    void neverMovesBackWhenASourceRepeatsAnOlderMark() {
        tracker.observe(new WatermarkMark("a", 500, 1, false));
        WatermarkMark kept = tracker.observe(new WatermarkMark("a", 400, 1, false));
        assertThat(kept.watermark()).isEqualTo(500);
        assertThat(tracker.current()).isEqualTo(500);
    }

    @Test
    void anIdleSourceThatWakesUpBehindDoesNotPullTheWatermarkBack() {
        tracker.observe(new WatermarkMark("a", 500, 2, false));
        tracker.observe(new WatermarkMark("b", 100, 2, true));
        tracker.observe(new WatermarkMark("b", 200, 2, false));
        assertThat(tracker.current()).isEqualTo(500);
    }

    @Test
    void controlRecordHeadersRoundTrip() {
        WatermarkMark mark = new WatermarkMark("app/0_3", 1_700_000_000_123L, 12, true);
        assertThat(WatermarkRecords.decode(WatermarkRecords.encode(mark))).isEqualTo(mark);
        assertThat(WatermarkRecords.isWatermark(WatermarkRecords.encode(mark))).isTrue();
    }
}
