package io.platform.etl.stageruntime.eventtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.platform.etl.model.spec.PipelineSpecParser;
import io.platform.etl.model.spec.StageType;
import io.platform.etl.model.spec.StreamingPipeline;
import io.platform.etl.stageruntime.StageTopology;
import io.platform.etl.stageruntime.dlq.DeadLetters;
import io.platform.etl.stageruntime.kafka.TopologyAssembler;
import io.platform.etl.stageruntime.metrics.StageMetrics;
import io.platform.etl.stageruntime.spec.StageSection;
import io.platform.etl.stageruntime.spec.StageTopics;
import io.platform.etl.testkit.CommittedTopicReader;
import io.platform.etl.testkit.TestInfra;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two stages on the test broker, the first deriving watermarks from event time on 4 partitions whose event times
 * lie hours apart, the second tracking them in-band through a 3-partition topic and a repartition: no record is
 * ever behind the watermark its task had when it arrived (a max-seen stream time would make most of them late),
 * and the final watermark is the minimum over the input partitions.
 */
class WatermarkPipelineIT {

    private static final long HOUR = 3_600_000L;
    private static final long BASE = 1_700_000_000_000L;
    private static final int PER_PARTITION = 1_500;
    private static final String SEEN = "x-test-watermark";

    private final List<KafkaStreams> running = new ArrayList<>();

    @AfterEach
    void close() {
        running.forEach(s -> s.close(Duration.ofSeconds(10)));
    }

    @Test
    void noRecordIsBehindItsTasksWatermarkAcrossTwoHopsAndARepartition() throws Exception {
        var kafka = TestInfra.shared().kafka();
        String suffix = "." + TestInfra.uniqueName("wm");
        String raw = "wm.raw" + suffix;
        String mid = "wm.mid" + suffix;
        String out = "wm.out" + suffix;
        String dlq = "wm.dlq" + suffix;
        kafka.createTopics(4, raw);
        kafka.createTopics(3, mid);
        kafka.createTopics(2, out, dlq);
        produceSkewedBacklog(kafka.bootstrapServers(), raw);

        start(kafka.bootstrapServers(), "wm-first" + suffix, raw, mid, dlq, WatermarkSource.DATA,
                (input, context) -> input.mapValues(r -> r.value(), Named.as("pass")));
        start(kafka.bootstrapServers(), "wm-second" + suffix, mid, out, dlq, WatermarkSource.UPSTREAM,
                (input, context) -> context.repartition(input, "by-user",
                                (k, r) -> r.event().userId().getBytes(StandardCharsets.UTF_8))
                        .processValues(() -> new StampWatermark(context.eventTime()), Named.as("stamp")));

        long lowestPartitionMax = BASE + PER_PARTITION - 1;
        try (CommittedTopicReader reader = new CommittedTopicReader(kafka.bootstrapServers(), out)) {
            List<ConsumerRecord<byte[], byte[]>> records = reader.until(all -> finalMarks(all).size() == 3
                    && finalMarks(all).values().stream().allMatch(w -> w == lowestPartitionMax)
                    && data(all).size() == 4 * PER_PARTITION, Duration.ofSeconds(90));
            List<ConsumerRecord<byte[], byte[]>> data = data(records);
            assertThat(data).hasSize(4 * PER_PARTITION);
            long late = data.stream().filter(r -> eventTime(r) < seenWatermark(r)).count();
            assertThat(late).as("records behind their task's watermark").isZero();
            // The repartition topic takes the 3 partitions of its input, so 3 tasks write into the output.
            assertThat(finalMarks(records)).hasSize(3).allSatisfy((source, w) -> assertThat(w)
                    .isEqualTo(lowestPartitionMax));
        }
        try (CommittedTopicReader reader = new CommittedTopicReader(kafka.bootstrapServers(), mid)) {
            List<ConsumerRecord<byte[], byte[]>> marks = reader.until(all -> partitionsWithMarksFromAll(all) == 3,
                    Duration.ofSeconds(30));
            assertThat(partitionsWithMarksFromAll(marks)).as("mid partitions holding marks of all 4 sources")
                    .isEqualTo(3);
        }
        // A fast machine may process the whole backlog before the first mark arrives, so "not behind" above could
        // hold only because no watermark was known yet. The output's final marks prove the last tasks know one now:
        // one more record per input partition must arrive with a known watermark, and not behind it.
        produceAfterBacklog(kafka.bootstrapServers(), raw);
        try (CommittedTopicReader reader = new CommittedTopicReader(kafka.bootstrapServers(), out)) {
            List<ConsumerRecord<byte[], byte[]>> all = reader.until(
                    records -> data(records).size() == 4 * PER_PARTITION + 4, Duration.ofSeconds(60));
            List<ConsumerRecord<byte[], byte[]>> after = data(all).stream()
                    .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains("\"event_id\":\"after-"))
                    .toList();
            assertThat(after).hasSize(4).allSatisfy(r -> {
                assertThat(seenWatermark(r)).as("watermark known on arrival")
                        .isGreaterThanOrEqualTo(lowestPartitionMax);
                assertThat(eventTime(r)).isGreaterThanOrEqualTo(seenWatermark(r));
            });
        }
    }

    /** One event per partition just after that partition's backlog. */
    private static void produceAfterBacklog(String bootstrap, String topic) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int partition = 0; partition < 4; partition++) {
                long time = BASE + partition * HOUR + PER_PARTITION;
                String json = "{\"event_id\":\"after-" + partition + "\",\"user_id\":\"u" + partition
                        + "\",\"event_type\":\"click\",\"timestamp\":" + time + "}";
                producer.send(new ProducerRecord<>(topic, partition, null, json.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private void start(String bootstrap, String appId, String in, String out, String dlq, WatermarkSource source,
                       StageTopology stage) throws Exception {
        StreamingPipeline pipeline = PipelineSpecParser.seed();
        StageSection section = new StageSection(pipeline, pipeline.stage(StageType.FILTER).orElseThrow(),
                new StageTopics(in, out, dlq));
        StageMetrics metrics = new StageMetrics(new SimpleMeterRegistry(), appId);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("wm").toString());
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
        props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        AdminTopicInfo topics = new AdminTopicInfo(props);
        EventTime eventTime = new EventTime(new EventTimeSettings(source, Duration.ofMillis(100), Duration.ZERO,
                Duration.ofMinutes(5)), Duration.ofSeconds(10), appId, topics);
        KafkaStreams streams = new KafkaStreams(TopologyAssembler.assemble(section, stage, metrics,
                new DeadLetters(appId, dlq, metrics), 1 << 20, eventTime), props);
        running.add(streams);
        streams.start();
    }

    /** Partition p holds events p hours ahead of partition 0, in event-time order within the partition. */
    private static void produceSkewedBacklog(String bootstrap, String topic) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int partition = 3; partition >= 0; partition--) {
                for (int i = 0; i < PER_PARTITION; i++) {
                    long time = BASE + partition * HOUR + i;
                    String json = "{\"event_id\":\"e" + partition + "-" + i + "\",\"user_id\":\"u" + (i % 17)
                            + "\",\"event_type\":\"click\",\"timestamp\":" + time + "}";
                    producer.send(new ProducerRecord<>(topic, partition, null, json.getBytes(StandardCharsets.UTF_8)));
                }
            }
            producer.flush();
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> data(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().filter(r -> !WatermarkRecords.isWatermark(r.headers())).toList();
    }

    private static Map<String, Long> finalMarks(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, Long> last = new HashMap<>();
        records.stream().filter(r -> WatermarkRecords.isWatermark(r.headers()))
                .map(r -> WatermarkRecords.decode(r.headers()))
                .forEach(m -> last.merge(m.source(), m.watermark(), Math::max));
        return last;
    }

    private static int partitionsWithMarksFromAll(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<Integer, Set<String>> sources = new HashMap<>();
        records.stream().filter(r -> WatermarkRecords.isWatermark(r.headers()))
                .forEach(r -> sources.computeIfAbsent(r.partition(), k -> new HashSet<>())
                        .add(WatermarkRecords.decode(r.headers()).source()));
        return (int) sources.values().stream().filter(s -> s.size() == 4).count();
    }

    private static long eventTime(ConsumerRecord<byte[], byte[]> r) {
        String json = new String(r.value(), StandardCharsets.UTF_8);
        int at = json.indexOf("\"timestamp\":") + 12;
        return Long.parseLong(json.substring(at, json.indexOf('}', at)));
    }

    private static long seenWatermark(ConsumerRecord<byte[], byte[]> r) {
        return Long.parseLong(new String(r.headers().lastHeader(SEEN).value(), StandardCharsets.UTF_8));
    }

    /** Forwards each record unchanged but for a header with the task's watermark when it arrived. */
    private static final class StampWatermark implements FixedKeyProcessor<byte[],
            io.platform.etl.stageruntime.InputRecord, byte[]> {
        private final EventTime eventTime;
        private FixedKeyProcessorContext<byte[], byte[]> context;
        private TaskWatermark watermark;

        StampWatermark(EventTime eventTime) {
            this.eventTime = eventTime;
        }

        @Override
        public void init(FixedKeyProcessorContext<byte[], byte[]> context) {
            this.context = context;
            this.watermark = eventTime.forTask(context.taskId());
        }

        @Override
        public void process(FixedKeyRecord<byte[], io.platform.etl.stageruntime.InputRecord> record) {
            record.headers().add(SEEN, Long.toString(watermark.current()).getBytes(StandardCharsets.UTF_8));
            context.forward(record.withValue(record.value().value()));
        }
    }
}
