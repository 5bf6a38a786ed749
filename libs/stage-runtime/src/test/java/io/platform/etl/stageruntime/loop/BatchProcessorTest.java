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
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
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

    @Test
    void routedRecordsCrossTheHopInOneBundlePerPartitionAndArriveAsTheyLeft() {
        LoopStage keying = (records, events) -> {
            List<Verdict> verdicts = records.stream().map(r -> Verdict.route(r.key(),
                    new RecordHeaders().add("h", r.key()))).toList();
            return () -> verdicts;
        };
        List<ConsumerRecord<byte[], byte[]>> input = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            input.add(record(i, "key-" + i, i % 7 == 0 ? CLICK : VIEW));
        }
        BatchProcessor router = new BatchProcessor("hop", EventCodec.DEFAULT, new DeadLetters("dedupe", "dlq",
                metrics), metrics, keying, clock, true, true, 4);
        Batch keyed = router.finish(router.start(new ConsumerRecords<>(Map.of(IN, input), Map.of())));
        assertThat(keyed.records()).hasSizeLessThanOrEqualTo(4).allSatisfy(o -> {
            assertThat(o.record().headers().lastHeader(RecordBundle.HEADER)).isNotNull();
            assertThat(o.record().partition()).isBetween(0, 3);
        });

        List<String> seen = new ArrayList<>();
        LoopStage deciding = (records, events) -> {
            records.forEach(r -> {
                int partition = BuiltInPartitioner.partitionForKey(r.key(), 4);
                assertThat(partition).as("Kafka's partition for the key").isEqualTo(r.partition());
                assertThat(r.headers().lastHeader("h").value()).isEqualTo(r.key());
                seen.add(text(r.key()) + "=" + text(r.value()));
            });
            List<Verdict> verdicts = records.stream().map(r -> Verdict.drop("seen")).toList();
            return () -> verdicts;
        };
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> hop = new java.util.HashMap<>();
        for (Batch.Output o : keyed.records()) {
            TopicPartition tp = new TopicPartition("hop", o.record().partition());
            List<ConsumerRecord<byte[], byte[]>> list = hop.computeIfAbsent(tp, k -> new ArrayList<>());
            list.add(new ConsumerRecord<>(tp.topic(), tp.partition(), list.size(), 0L, TimestampType.CREATE_TIME,
                    0, 0, o.record().key(), o.record().value(), o.record().headers(), Optional.empty()));
        }
        BatchProcessor decider = new BatchProcessor("out", EventCodec.DEFAULT, new DeadLetters("dedupe", "dlq",
                metrics), metrics, deciding, clock, false, false, 0);
        Batch decided = decider.finish(decider.start(new ConsumerRecords<>(hop, Map.of())));
        assertThat(seen).containsExactlyInAnyOrderElementsOf(input.stream()
                .map(r -> text(r.key()) + "=" + text(r.value())).toList());
        assertThat(decided.outcomes()).hasSize(40);
        for (List<ConsumerRecord<byte[], byte[]>> part : hop.values()) {
            List<Integer> order = seen.stream().filter(k -> part.stream().anyMatch(b -> RecordBundle.open(b).stream()
                    .anyMatch(r -> k.startsWith(text(r.key()) + "=")))).map(k -> Integer.parseInt(
                    k.substring(4, k.indexOf('=')))).toList();
            assertThat(order).as("each hop partition keeps the input order").isSorted();
        }
    }

    @Test
    void anOutputRefusedAsTooLargeDeadLettersOnlyItsOwnRecordOfABundle() {
        RecordBundle.Builder builder = new RecordBundle.Builder();
        for (int i = 0; i < 3; i++) {
            builder.add(("k" + i).getBytes(StandardCharsets.UTF_8), CLICK.getBytes(StandardCharsets.UTF_8),
                    new RecordHeaders().toArray(), IN, i, 0);
        }
        Batch.Output bundle = builder.record("hop", 0);
        TopicPartition hop = new TopicPartition("hop", 0);
        ConsumerRecord<byte[], byte[]> polled = new ConsumerRecord<>("hop", 0, 5L, 0L, TimestampType.CREATE_TIME, 0,
                0, null, bundle.record().value(), bundle.record().headers(), Optional.empty());
        LoopStage forward = (records, events) -> {
            List<Verdict> verdicts = records.stream().map(r -> Verdict.forward("passed")).toList();
            return () -> verdicts;
        };
        BatchProcessor processor = new BatchProcessor("out", EventCodec.DEFAULT, new DeadLetters("dedupe", "dlq",
                metrics), metrics, forward, clock, false, true, 0);
        Batch first = processor.finish(processor.start(new ConsumerRecords<>(Map.of(hop, List.of(polled)),
                Map.of())));
        assertThat(first.records()).extracting(Batch.Output::inputIndex).containsExactly(0, 1, 2);

        processor.oversize().refused(hop, 5L, 1);
        Batch again = processor.finish(processor.start(new ConsumerRecords<>(Map.of(hop, List.of(polled)),
                Map.of())));
        assertThat(again.records()).extracting(o -> o.record().topic(), o -> text(o.record().key()))
                .containsExactly(tuple("dlq", "k1"), tuple("out", "k0"), tuple("out", "k2"));
    }

    @Test
    void aMalformedBundleGoesToDeadLettersAndTheBatchGoesOn() {
        TopicPartition hop = new TopicPartition("hop", 0);
        Headers mark = new RecordHeaders().add(RecordBundle.HEADER, new byte[] {RecordBundle.VERSION});
        ConsumerRecord<byte[], byte[]> broken = new ConsumerRecord<>("hop", 0, 0L, 0L, TimestampType.CREATE_TIME, 0,
                0, null, new byte[] {0, 0, 0, 9, 1}, mark, Optional.empty());
        ConsumerRecord<byte[], byte[]> plain = new ConsumerRecord<>("hop", 0, 1L, 0L, TimestampType.CREATE_TIME, 0,
                0, "k".getBytes(StandardCharsets.UTF_8), CLICK.getBytes(StandardCharsets.UTF_8), new RecordHeaders(),
                Optional.empty());
        LoopStage forward = (records, events) -> {
            List<Verdict> verdicts = records.stream().map(r -> Verdict.forward("passed")).toList();
            return () -> verdicts;
        };
        BatchProcessor processor = new BatchProcessor("out", EventCodec.DEFAULT, new DeadLetters("dedupe", "dlq",
                metrics), metrics, forward, clock, false, true, 0);
        Batch batch = processor.finish(processor.start(new ConsumerRecords<>(Map.of(hop, List.of(broken, plain)),
                Map.of())));
        assertThat(batch.records()).extracting(o -> o.record().topic()).containsExactly("dlq", "out");
        assertThat(text(batch.records().getFirst().record().headers().lastHeader(DeadLetters.REASON).value()))
                .isEqualTo(BatchProcessor.MALFORMED_BUNDLE);
        assertThat(batch.offsets().get(hop).offset()).isEqualTo(2);
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
