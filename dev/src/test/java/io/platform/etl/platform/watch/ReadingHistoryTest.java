package io.platform.etl.platform.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ReadingHistoryTest {

    private static StageReading at(long seconds) {
        return new StageReading("filter", seconds * 1_000_000_000L, Map.of(), Histogram.EMPTY, OptionalLong.empty());
    }

    @Test
    void ratesReachBackToTheOldestReadingInsideTheWindow() {
        ReadingHistory history = new ReadingHistory(Duration.ofSeconds(5));
        assertThat(history.add(at(0))).isNull();
        assertThat(history.add(at(1)).atNanos()).isEqualTo(at(0).atNanos());
        for (int s = 2; s <= 5; s++) {
            assertThat(history.add(at(s)).atNanos()).isEqualTo(at(0).atNanos());
        }
        assertThat(history.add(at(6)).atNanos()).isEqualTo(at(1).atNanos());
    }

    @Test
    void afterAGapTheStaleReadingsAreDropped() {
        ReadingHistory history = new ReadingHistory(Duration.ofSeconds(5));
        history.add(at(0));
        history.add(at(1));
        assertThat(history.add(at(30))).isNull();
    }

    @Test
    void clearStartsAfresh() {
        ReadingHistory history = new ReadingHistory(Duration.ofSeconds(5));
        history.add(at(0));
        history.clear();
        assertThat(history.add(at(1))).isNull();
    }
}
