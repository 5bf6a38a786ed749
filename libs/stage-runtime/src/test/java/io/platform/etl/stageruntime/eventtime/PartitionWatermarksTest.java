package io.platform.etl.stageruntime.eventtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionWatermarksTest {

    @Test
    void forwardsOneMarkPerInputPartitionWhoseWatermarkChangedSinceTheLastCommit() {
        PartitionWatermarks marks = new PartitionWatermarks("enrich");
        marks.observe(0, new WatermarkMark("dedupe-0", 100, 1, false));
        marks.observe(1, new WatermarkMark("dedupe-0", 70, 1, false));
        List<WatermarkMark> first = changed(marks, 3);
        assertThat(first).containsExactlyInAnyOrder(new WatermarkMark("enrich-0", 100, 3, false),
                new WatermarkMark("enrich-1", 70, 3, false));
        assertThat(changed(marks, 3)).as("not committed yet: offered again").hasSize(2);
        marks.committed(first);
        assertThat(changed(marks, 3)).isEmpty();
        marks.observe(1, new WatermarkMark("dedupe-0", 90, 1, false));
        assertThat(changed(marks, 3)).containsExactly(new WatermarkMark("enrich-1", 90, 3, false));
    }

    @Test
    void undoesTheObservationsOfAnAbortedBatchUntilItIsReadAgain() {
        PartitionWatermarks marks = new PartitionWatermarks("enrich");
        marks.observe(0, new WatermarkMark("dedupe-0", 100, 1, false));
        List<WatermarkMark> first = changed(marks, 1);
        marks.committed(first);
        marks.observe(0, new WatermarkMark("dedupe-0", 200, 1, false));
        marks.aborted();
        assertThat(changed(marks, 1)).as("the aborted batch's mark is not forwarded with another batch").isEmpty();
        marks.observe(0, new WatermarkMark("dedupe-0", 200, 1, false));
        assertThat(changed(marks, 1)).containsExactly(new WatermarkMark("enrich-0", 200, 1, false));
    }

    @Test
    void forgetsRevokedPartitions() {
        PartitionWatermarks marks = new PartitionWatermarks("enrich");
        marks.observe(0, new WatermarkMark("dedupe-0", 100, 1, false));
        marks.revoked(List.of(0));
        assertThat(changed(marks, 1)).isEmpty();
    }

    private static List<WatermarkMark> changed(PartitionWatermarks marks, int inputPartitions) {
        return marks.changed(List.of(), inputPartitions, p -> false, 0);
    }
}
