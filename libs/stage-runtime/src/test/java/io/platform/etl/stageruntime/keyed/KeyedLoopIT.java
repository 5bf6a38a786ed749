package io.platform.etl.stageruntime.keyed;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.platform.etl.model.event.Event;
import io.platform.etl.model.spec.PipelineSpecParser;
import io.platform.etl.model.spec.StageType;
import io.platform.etl.model.spec.StreamingPipeline;
import io.platform.etl.stageruntime.eventtime.EventTimeSettings;
import io.platform.etl.stageruntime.eventtime.WatermarkRecords;
import io.platform.etl.stageruntime.eventtime.WatermarkSource;
import io.platform.etl.stageruntime.kafka.KafkaSettings;
import io.platform.etl.stageruntime.kafka.StageSettings;
import io.platform.etl.stageruntime.loop.LoopAssembler;
import io.platform.etl.stageruntime.loop.LoopSettings;
import io.platform.etl.stageruntime.loop.LoopWorker;
import io.platform.etl.stageruntime.loop.Verdict;
import io.platform.etl.stageruntime.metrics.StageMetrics;
import io.platform.etl.stageruntime.spec.StageSection;
import io.platform.etl.stageruntime.spec.StageTopics;
import io.platform.etl.testkit.CommittedTopicReader;
import io.platform.etl.testkit.TestInfra;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A keyed stage on the test broker (ADR 0340): a running count per user, whose events are spread over all four input
 * partitions. Every user's records meet in one partition state; a second run of the stage (same application id)
 * restores the counts from the changelog and goes on from them; the output carries the watermark of all input
 * partitions through the hop.
 */
class KeyedLoopIT {

    private static final long BASE = 1_700_000_000_000L;
    private static final int USERS = 13;
    private static final int PER_PARTITION = 400;

    private final List<Thread> threads = new ArrayList<>();
    private final List<LoopWorker> workers = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        stopAll();
    }

    @Test
    void countsMeetByKeySurviveARestartAndCarryTheWatermark() throws Exception {
        var kafka = TestInfra.shared().kafka();
        String suffix = "." + TestInfra.uniqueName("keyed");
        String in = "keyed.in" + suffix;
        String out = "keyed.out" + suffix;
        String dlq = "keyed.dlq" + suffix;
        kafka.createTopics(4, in);
        kafka.createTopics(2, out, dlq);
        String appId = "keyed-it" + suffix;

        produce(kafka.bootstrapServers(), in, 0);
        start(kafka.bootstrapServers(), appId, in, out, dlq);
        Map<String, Long> expected = expectedCounts(1);
        try (CommittedTopicReader reader = new CommittedTopicReader(kafka.bootstrapServers(), out)) {
            List<ConsumerRecord<byte[], byte[]>> records = reader.until(all -> lastCounts(all).equals(expected),
                    Duration.ofSeconds(90));
            assertThat(lastCounts(records)).isEqualTo(expected);
            assertThat(data(records)).hasSize(4 * PER_PARTITION);
        }
        stopAll();

        produce(kafka.bootstrapServers(), in, PER_PARTITION);
        start(kafka.bootstrapServers(), appId, in, out, dlq);
        Map<String, Long> twice = expectedCounts(2);
        long lowestMax = BASE + 2 * PER_PARTITION - 1;
        try (CommittedTopicReader reader = new CommittedTopicReader(kafka.bootstrapServers(), out)) {
            List<ConsumerRecord<byte[], byte[]>> records = reader.until(all -> lastCounts(all).equals(twice)
                    && finalMarks(all).values().stream().anyMatch(w -> w >= lowestMax), Duration.ofSeconds(90));
            assertThat(lastCounts(records)).as("counts go on from the restored state").isEqualTo(twice);
            assertThat(data(records)).hasSize(8 * PER_PARTITION);
            assertThat(finalMarks(records).values()).allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(lowestMax));
        }
    }

    private void start(String bootstrap, String appId, String in, String out, String dlq) {
        StreamingPipeline pipeline = PipelineSpecParser.seed();
        StageSection section = new StageSection(pipeline, pipeline.stage(StageType.FILTER).orElseThrow(),
                new StageTopics(in, out, dlq));
        StageSettings settings = new StageSettings("filter", "it", appId, "", 2, Duration.ofMillis(100), null,
                Duration.ofSeconds(10), 1 << 20, 0, Map.of());
        var registry = new SimpleMeterRegistry();
        LoopAssembler assembler = new LoopAssembler(section, settings, new LoopSettings(500, Duration.ofMillis(100),
                Duration.ofSeconds(10), "none"), new KafkaSettings("PLAINTEXT", null, null, null, null, null), bootstrap,
                new EventTimeSettings(WatermarkSource.DATA, Duration.ofMillis(100), Duration.ZERO,
                        Duration.ofMinutes(5)), null, new StageMetrics(registry, appId), registry, "it");
        for (LoopWorker worker : KeyedLoopPlan.build(assembler, new CountPerUser())) {
            workers.add(worker);
            Thread thread = new Thread(worker, worker.name());
            threads.add(thread);
            thread.start();
        }
    }

    private void stopAll() throws InterruptedException {
        workers.forEach(LoopWorker::stop);
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(30).toMillis());
        }
        workers.clear();
        threads.clear();
    }

    /** Event {@code i} of partition {@code p} belongs to user {@code (p + i) % USERS}: every user in every partition. */
    private static void produce(String bootstrap, String topic, int from) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int partition = 0; partition < 4; partition++) {
                for (int i = from; i < from + PER_PARTITION; i++) {
                    String json = "{\"event_id\":\"e" + partition + "-" + i + "\",\"user_id\":\"u"
                            + (partition + i) % USERS + "\",\"event_type\":\"click\",\"timestamp\":" + (BASE + i) + "}";
                    producer.send(new ProducerRecord<>(topic, partition, null, json.getBytes(StandardCharsets.UTF_8)));
                }
            }
            producer.flush();
        }
    }

    private static Map<String, Long> expectedCounts(int rounds) {
        Map<String, Long> counts = new HashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (int partition = 0; partition < 4; partition++) {
                for (int i = round * PER_PARTITION; i < (round + 1) * PER_PARTITION; i++) {
                    counts.merge("u" + (partition + i) % USERS, 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    private static List<ConsumerRecord<byte[], byte[]>> data(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().filter(r -> !WatermarkRecords.isWatermark(r.headers())).toList();
    }

    /** Highest count output per user. */
    private static Map<String, Long> lastCounts(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, Long> counts = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : data(records)) {
            counts.merge(new String(r.key(), StandardCharsets.UTF_8), ByteBuffer.wrap(r.value()).getLong(),
                    Math::max);
        }
        return counts;
    }

    private static Map<String, Long> finalMarks(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, Long> last = new HashMap<>();
        records.stream().filter(r -> WatermarkRecords.isWatermark(r.headers()))
                .map(r -> WatermarkRecords.decode(r.headers()))
                .forEach(m -> last.merge(m.source(), m.watermark(), Math::max));
        return last;
    }

    /** Keys by user; counts per user in the partition's state, one changelog entry per change. */
    private static final class CountPerUser implements KeyedStage {

        @Override
        public String hop() {
            return "count";
        }

        @Override
        public Verdict key(ConsumerRecord<byte[], byte[]> record, Event event) {
            return Verdict.route(event.userId().getBytes(StandardCharsets.UTF_8), record.headers());
        }

        @Override
        public PartitionState open(int partition) {
            Map<String, Long> counts = new HashMap<>();
            return new PartitionState() {
                @Override
                public void restore(byte[] key, byte[] value) {
                    counts.put(new String(key, StandardCharsets.UTF_8), ByteBuffer.wrap(value).getLong());
                }

                @Override
                public void process(ConsumerRecord<byte[], byte[]> record, Event e, long watermark, Emitter out) {
                    String user = e.userId();
                    long count = counts.merge(user, 1L, Long::sum);
                    byte[] value = ByteBuffer.allocate(8).putLong(count).array();
                    out.change(record.key(), value);
                    out.output(record.key(), value, new RecordHeaders());
                    out.outcome("counted", System.nanoTime());
                }
            };
        }
    }
}
