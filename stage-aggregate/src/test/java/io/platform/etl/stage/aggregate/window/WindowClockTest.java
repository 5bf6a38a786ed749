package io.platform.etl.stage.aggregate.window;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WindowClockTest {

    private static final long MIN = Long.MIN_VALUE;

    @Test
    void followsTheUpstreamWatermarkWhileTheInputIsActive() {
        WindowClock clock = new WindowClock(30_000);
        assertThat(clock.effective(MIN, MIN, false, 1_000_000)).isEqualTo(MIN);
        assertThat(clock.effective(MIN, 500, false, 2_000_000)).isEqualTo(500);
    }

    @Test
    void neverGoesBelowTheWatermarkWindowsWereAlreadyClosedAt() {
        WindowClock clock = new WindowClock(30_000);
        assertThat(clock.effective(900, 500, false, 1_000_000)).isEqualTo(900);
    }

    @Test
    void followsTheWallClockOnlyAfterTheWholeInputWasIdleForTheTimeout() {
        WindowClock clock = new WindowClock(30_000);
        assertThat(clock.effective(MIN, 500, true, 1_000_000)).isEqualTo(500);
        assertThat(clock.effective(MIN, 500, true, 1_029_999)).isEqualTo(500);
        assertThat(clock.effective(MIN, 500, true, 1_030_000)).isEqualTo(1_030_000);
    }

    @Test
    void restartsTheIdleTimeoutWhenTheInputBecomesActiveAgain() {
        WindowClock clock = new WindowClock(30_000);
        clock.effective(MIN, 500, true, 1_000_000);
        assertThat(clock.effective(MIN, 600, false, 1_020_000)).isEqualTo(600);
        assertThat(clock.effective(MIN, 600, true, 1_040_000)).isEqualTo(600);
        assertThat(clock.effective(MIN, 600, true, 1_070_000)).isEqualTo(1_070_000);
    }
}
