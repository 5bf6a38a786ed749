package io.platform.etl.stage.enrich.watermark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionWatermarksTest {

    @Test
    void aPartitionHasNoWatermarkUntilEveryUpstreamSourceWasHeardFrom() {
        WatermarkTracker tracker = new WatermarkTracker();
        tracker.observe(new WatermarkMark("dedupe-0", 100, 2, false));
        assertThat(tracker.current()).isEqualTo(Long.MIN_VALUE);
        tracker.observe(new WatermarkMark("dedupe-1", 80, 2, false));
        assertThat(tracker.current()).isEqualTo(80);
    }

    @Test
    void idleSourcesAreLeftOutAndTheWatermarkNeverMovesBack() {
        WatermarkTracker tracker = new WatermarkTracker();
        tracker.observe(new WatermarkMark("a", 100, 2, false));
        tracker.observe(new WatermarkMark("b", 50, 2, true));
        assertThat(tracker.current()).isEqualTo(100);
        assertThat(tracker.idle()).isFalse();
        tracker.observe(new WatermarkMark("b", 60, 2, false));
        assertThat(tracker.current()).as("never back").isEqualTo(100);
        tracker.observe(new WatermarkMark("a", 90, 2, false));
        assertThat(tracker.current()).isEqualTo(100);
        tracker.observe(new WatermarkMark("b", 200, 2, false));
        assertThat(tracker.current()).isEqualTo(100);
        tracker.observe(new WatermarkMark("a", 300, 2, false));
        assertThat(tracker.current()).isEqualTo(200);
    }

    @Test
    void forwardsOneMarkPerInputPartitionWhoseWatermarkChangedSinceTheLastCommit() {
        PartitionWatermarks marks = new PartitionWatermarks("enrich");
        marks.observe(0, new WatermarkMark("dedupe-0", 100, 1, false));
        marks.observe(1, new WatermarkMark("dedupe-0", 70, 1, false));
        List<WatermarkMark> first = marks.changed(3);
        assertThat(first).containsExactlyInAnyOrder(new WatermarkMark("enrich-0", 100, 3, false),
                new WatermarkMark("enrich-1", 70, 3, false));
        assertThat(marks.changed(3)).as("not committed yet: offered again").hasSize(2);
        marks.committed(first);
        assertThat(marks.changed(3)).isEmpty();
        marks.observe(1, new WatermarkMark("dedupe-0", 90, 1, false));
        assertThat(marks.changed(3)).containsExactly(new WatermarkMark("enrich-1", 90, 3, false));
    }

    @Test
    void forgetsRevokedPartitions() {
        PartitionWatermarks marks = new PartitionWatermarks("enrich");
        marks.observe(0, new WatermarkMark("dedupe-0", 100, 1, false));
        marks.revoked(List.of(0));
        assertThat(marks.changed(1)).isEmpty();
    }
}
