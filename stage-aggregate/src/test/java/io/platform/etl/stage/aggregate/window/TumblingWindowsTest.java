package io.platform.etl.stage.aggregate.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TumblingWindowsTest {

    private final TumblingWindows fiveMinutes = TumblingWindows.of(Duration.ofMinutes(5), Duration.ofMinutes(1));

    @ParameterizedTest(name = "{0} is in the window starting {1}")
    @CsvSource({
            "2024-05-01T10:00:00Z,     2024-05-01T10:00:00Z",
            "2024-05-01T10:00:00.001Z, 2024-05-01T10:00:00Z",
            "2024-05-01T10:04:59.999Z, 2024-05-01T10:00:00Z",
            "2024-05-01T10:05:00Z,     2024-05-01T10:05:00Z",
            "1970-01-01T00:00:00Z,     1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999Z, 1969-12-31T23:55:00Z"})
    void assignsEveryEventTimeToTheEpochAlignedWindowHoldingIt(String eventTime, String windowStart) {
        long start = fiveMinutes.startOf(Instant.parse(eventTime).toEpochMilli());
        assertThat(Instant.ofEpochMilli(start)).isEqualTo(Instant.parse(windowStart));
        assertThat(fiveMinutes.endOf(start) - start).isEqualTo(300_000);
    }

    @ParameterizedTest(name = "window 10:00 at watermark {0} closed={1}")
    @CsvSource({
            "2024-05-01T10:05:59.999Z, false",
            "2024-05-01T10:06:00Z,     true",
            "2024-05-01T10:04:00Z,     false"})
    void closesAWindowWhenTheWatermarkReachesEndPlusAllowedLateness(String watermark, boolean closed) {
        long start = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();
        assertThat(fiveMinutes.isClosed(start, Instant.parse(watermark).toEpochMilli())).isEqualTo(closed);
    }

    @ParameterizedTest(name = "watermark {0} closes up to the window starting {1}")
    @CsvSource({
            "2024-05-01T10:06:00Z,     2024-05-01T10:00:00Z",
            "2024-05-01T10:05:59.999Z, 2024-05-01T09:55:00Z",
            "2024-05-01T10:10:59.999Z, 2024-05-01T10:00:00Z"})
    void namesTheNewestClosedWindow(String watermark, String lastClosed) {
        long last = fiveMinutes.lastClosedStart(Instant.parse(watermark).toEpochMilli());
        assertThat(Instant.ofEpochMilli(last)).isEqualTo(Instant.parse(lastClosed));
        assertThat(fiveMinutes.isClosed(last, Instant.parse(watermark).toEpochMilli())).isTrue();
        assertThat(fiveMinutes.isClosed(last + 300_000, Instant.parse(watermark).toEpochMilli())).isFalse();
    }

    @Test
    void closesNothingWhileTheWatermarkIsUnknown() {
        assertThat(fiveMinutes.lastClosedStart(Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
        assertThat(fiveMinutes.lastClosedStart(Long.MIN_VALUE + 1000)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void rejectsAnEmptyWindowAndNegativeLateness() {
        assertThatThrownBy(() -> new TumblingWindows(0, 0)).hasMessageContaining("window duration");
        assertThatThrownBy(() -> new TumblingWindows(1000, -1)).hasMessageContaining("allowed lateness");
    }
}
