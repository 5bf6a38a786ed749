package io.platform.etl.stageruntime.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.platform.etl.model.event.EventCodec;
import io.platform.etl.stageruntime.dlq.DeadLetters;
import io.platform.etl.stageruntime.dlq.ErrorClass;
import io.platform.etl.stageruntime.dlq.StageException;
import io.platform.etl.stageruntime.eventtime.PartitionWatermarks;
import io.platform.etl.stageruntime.eventtime.WatermarkMark;
import io.platform.etl.stageruntime.eventtime.WatermarkRecords;
import io.platform.etl.stageruntime.metrics.StageMetrics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** What one polled batch becomes, without a broker: the runtime's side of the {@link LoopStage} contract. */
class BatchProcessorTest {

    private static final TopicPartition IN = new TopicPartition("in", 0);
    private static final String CLICK = "{\"event_id\":\"e1\",\"event_type\":\"click\",\"timestamp\":1714557600000}";
    private static final String VIEW = "{\"event_id\":\"e2\",\"event_type\":\"view\",\"timestamp\":1714557600000}";

    private final StageMetrics metrics = new StageMetrics(new SimpleMeterRegistry(), "filter");
    private final PartitionWatermarks clock = new PartitionWatermarks("filter");

    @Test
    void writesForwardedRecordsUnchangedDropsTheRestAndDeadLettersUnreadableOnes() {
        LoopStage stage = (records, events) -> {
            List<Verdict> verdicts = events.stream().map(e -> "click".equals(e.eventType())
                    ? Verdict.forward("passed") : Verdict.drop("filtered")).toList();
            return () -> verdicts;
        };
        Headers headers = new RecordHeaders().add("trace", "t1".getBytes(StandardCharsets.UTF_8));
        Batch batch = process(stage, record(0, "k1", CLICK, headers), record(1, "k2", "{not json"),
                record(2, "k3", VIEW));

        assertThat(batch.records()).extracting(o -> o.record().topic(), o -> text(o.record().key()))
                .containsExactlyInAnyOrder(tuple("out", "k1"), tuple("dlq", "k2"));
        Batch.Output out = batch.records().stream().filter(o -> o.record().topic().equals("out")).findFirst()
                .orElseThrow();
        assertThat(text(out.record().value())).isEqualTo(CLICK);
        assertThat(out.record().headers().lastHeader("trace")).isNotNull();
        Batch.Output dead = batch.records().stream().filter(o -> o.record().topic().equals("dlq")).findFirst()
                .orElseThrow();
        assertThat(text(dead.record().headers().lastHeader(DeadLetters.REASON).value())).isEqualTo("not_json");
        assertThat(batch.outcomes()).extracting(Batch.Outcome::status)
                .containsExactlyInAnyOrder("passed", "dlq", "filtered");
        assertThat(batch.offsets().get(IN).offset()).isEqualTo(3);
        assertThat(batch.rewind()).containsEntry(IN, 0L);
    }

    @Test
    void sendsTheBatchToDeadLettersWhenTheStageFailsPermanentlyAndThrowsWhenTransiently() {
        LoopStage broken = (records, events) -> () -> {
            throw new StageException(ErrorClass.PERMANENT, "bad_rule", "cannot judge", null);
        };
        Batch batch = process(broken, record(0, "k1", CLICK), record(1, "k2", VIEW));
        assertThat(batch.records()).allSatisfy(o -> assertThat(o.record().topic()).isEqualTo("dlq"));
        assertThat(batch.outcomes()).extracting(Batch.Outcome::reason).containsOnly("bad_rule");

        LoopStage unavailable = (records, events) -> () -> {
            throw new StageException(ErrorClass.TRANSIENT, "unavailable", "try later", null);
        };
        BatchProcessor processor = processor(unavailable);
        BatchProcessor.Started started = processor.start(polled(record(0, "k1", CLICK)));
        assertThatThrownBy(() -> processor.finish(started)).isInstanceOf(StageException.class);
    }

    @Test
    void keepsWatermarkControlRecordsFromTheStageAndObservesThemWhenTheBatchIsWritten() {
        List<Integer> seen = new ArrayList<>();
        LoopStage stage = (records, events) -> {
            seen.add(records.size());
            return () -> events.stream().map(e -> Verdict.forward("passed")).toList();
        };
        WatermarkMark mark = new WatermarkMark("dedupe-0", 1714557600000L, 1, false);
        BatchProcessor processor = processor(stage);
        BatchProcessor.Started started = processor.start(polled(record(0, "w", "", WatermarkRecords.encode(mark)),
                record(1, "k1", CLICK)));
        assertThat(seen).containsExactly(1);
        assertThat(clock.changed(List.of(0), 1, p -> false, 0)).as("not observed before the write").isEmpty();
        processor.finish(started);
        assertThat(clock.changed(List.of(0), 1, p -> false, 0))
                .containsExactly(new WatermarkMark("filter-0", 1714557600000L, 1, false));
    }

    @SafeVarargs
    private Batch process(LoopStage stage, ConsumerRecord<byte[], byte[]>... records) {
        BatchProcessor processor = processor(stage);
        return processor.finish(processor.start(polled(records)));
    }

    private BatchProcessor processor(LoopStage stage) {
        return new BatchProcessor("out", EventCodec.DEFAULT, new DeadLetters("filter", "dlq", metrics), metrics,
                stage, clock);
    }

    @SafeVarargs
    private static ConsumerRecords<byte[], byte[]> polled(ConsumerRecord<byte[], byte[]>... records) {
        return new ConsumerRecords<>(Map.of(IN, List.of(records)), Map.of());
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, String key, String value) {
        return record(offset, key, value, new RecordHeaders());
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, String key, String value, Headers headers) {
        return new ConsumerRecord<>(IN.topic(), IN.partition(), offset, 0L, TimestampType.CREATE_TIME, 0, 0,
                key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8), headers,
                Optional.empty());
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
