package io.platform.etl.stageruntime.eventtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionEventTimeTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();
    private static final EventTimeSettings SETTINGS = new EventTimeSettings(WatermarkSource.DATA, null,
            Duration.ofMillis(5), Duration.ofSeconds(10));

    private final PartitionEventTime clock = new PartitionEventTime("group-filter", SETTINGS, Duration.ofSeconds(1));

    @Test
    void marksTheLargestEventTimeWrittenMinusTheOutOfOrdernessUnderTheKafkaStreamsTaskId() {
        clock.events(0, 1_000);
        clock.events(0, 900);
        clock.events(2, 500);
        List<WatermarkMark> marks = clock.changed(List.of(0, 2), 4, p -> false, 0);
        assertThat(marks).containsExactlyInAnyOrder(new WatermarkMark("group-filter/0_0", 995, 4, false),
                new WatermarkMark("group-filter/0_2", 495, 4, false));
        clock.committed(marks);
        clock.events(0, 2_000);
        assertThat(clock.changed(List.of(0, 2), 4, p -> false, SECOND / 2)).as("within the interval").isEmpty();
        assertThat(clock.changed(List.of(0, 2), 4, p -> false, SECOND))
                .containsExactly(new WatermarkMark("group-filter/0_0", 1_995, 4, false));
    }

    @Test
    void aCheckBeforeAnyDataDoesNotHoldTheFirstMarkBackAnInterval() {
        assertThat(clock.changed(List.of(0), 1, p -> false, 0)).as("nothing read yet").isEmpty();
        clock.events(0, 1_000);
        assertThat(clock.due(SECOND / 10)).isTrue();
        assertThat(clock.changed(List.of(0), 1, p -> false, SECOND / 10))
                .containsExactly(new WatermarkMark("group-filter/0_0", 995, 1, false));
    }

    @Test
    void forgetsTheEventTimesOfAnAbortedBatch() {
        clock.events(0, 1_000);
        clock.aborted();
        assertThat(clock.changed(List.of(0), 1, p -> false, 0)).isEmpty();
    }

    @Test
    void marksAQuietCaughtUpPartitionIdleAndAQuietLaggingOneNot() {
        assertThat(clock.changed(List.of(0, 1), 2, p -> p == 0, 0)).as("first seen: not quiet yet").isEmpty();
        assertThat(clock.due(5 * SECOND)).isTrue();
        List<WatermarkMark> marks = clock.changed(List.of(0, 1), 2, p -> p == 0, 11 * SECOND);
        assertThat(marks).containsExactly(new WatermarkMark("group-filter/0_0", Long.MIN_VALUE, 2, true));
        clock.committed(marks);
        assertThat(clock.changed(List.of(0, 1), 2, p -> p == 0, 12 * SECOND)).as("unchanged").isEmpty();
    }
}
