package io.platform.etl.stage.enrich.it;

import static io.platform.etl.stage.enrich.it.EnrichRules.api;
import static io.platform.etl.stage.enrich.it.EnrichRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.platform.etl.model.event.EventCodec;
import io.platform.etl.stageruntime.loop.StageLoop;
import io.platform.etl.stageruntime.loop.LoopWorker;
import io.platform.etl.stageruntime.dlq.DeadLetters;
import io.platform.etl.stageruntime.eventtime.WatermarkMark;
import io.platform.etl.stageruntime.eventtime.WatermarkRecords;
import io.platform.etl.stageruntime.spec.StageSection;
import io.platform.etl.stagetestkit.KafkaIo;
import io.platform.etl.stagetestkit.StageTestRun;
import io.platform.etl.testkit.CommittedTopicReader;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The loop runs two batches deep (ADR 0809): while one batch's geo lookups are in flight (a real HTTP server answering
 * in 10–30 ms, every address new), the batch before it is written. Small batches, two input partitions, records too
 * large for the output topic (real broker, {@code max.message.bytes}) that abort their batch's transaction while the
 * next batch is already polled and started (of the same partition, or of the other one only), and upstream
 * watermarks in between. Every record reaches the output or
 * the dead-letter topic exactly once, in input order per input partition, and no watermark is forwarded ahead of a
 * data record that preceded it in the input.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelinedBatchesIT implements TestPropertyProvider {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int OUTPUT_LIMIT = 4096;
    private static final int BATCH = 20;
    /** Data records per partition sent before the stage starts: 5 batches each, the last one ending too large. */
    private static final int FIRST = 100;
    private static final int PER_PARTITION = 400;
    private static final Map<Integer, Set<Integer>> TOO_LARGE = Map.of(0, Set.of(FIRST - 1, 145, 231, 300),
            1, Set.of(FIRST - 1, 177, 350));
    /** Upstream watermarks, sent right after the data record of this sequence number, in both partitions. */
    private static final List<Integer> MARKS_AFTER = List.of(140, 170, 225, 295, 345);
    private static final long T0 = 1_714_557_600_000L;

    @Inject
    StageSection section;

    @Inject
    StageLoop loop;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private KafkaIo kafka;
    private GeoServer geo;

    @Override
    public Map<String, String> getProperties() {
        StageTestRun run = StageTestRun.of(this).createTopics(2, "events.deduplicated", "events.dlq");
        Map<String, String> p = run.properties();
        String bootstrap = run.bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("events.enriched" + run.suffix(), 2, (short) 1)
                    .configs(Map.of("max.message.bytes", Integer.toString(OUTPUT_LIMIT))))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the small output topic", e);
        }
        try {
            geo = new GeoServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        geo.delay(10, 30);
        p.putAll(EnrichProperties.of("jdbc:postgresql://127.0.0.1:1/none", "nobody", ""));
        p.put("stage.loop.max-poll-records", Integer.toString(BATCH));
        new EnrichRules(run.rules()).publish(1, List.of(api("geo_location", geo.endpoint(), "2s", 2)),
                List.of(rule("geo_location", "ip_address", "ip_address IS NOT NULL", "country", "city")));
        kafka = new KafkaIo(bootstrap);
        produce("events.deduplicated" + run.suffix(), 0, FIRST);
        return p;
    }

    /** Records {@code from} to {@code to} (exclusive) of each partition, with the marks and the large ones. */
    private void produce(String input, int from, int to) {
        for (int seq = from; seq < to; seq++) {
            for (int partition = 0; partition < 2; partition++) {
                String ip = "10." + partition + "." + seq / 256 + "." + seq % 256;
                geo.put(ip, "DE", "city-" + partition + "-" + seq);
                boolean big = TOO_LARGE.get(partition).contains(seq);
                kafka.send(input, partition, "k" + seq % 7, event(partition, seq, ip, big));
                int mark = MARKS_AFTER.indexOf(seq);
                if (mark >= 0) {
                    kafka.send(input, partition, "up", new byte[0], WatermarkRecords.encode(
                            new WatermarkMark("dedupe-" + partition, T0 + mark, 1, false)));
                }
            }
        }
        kafka.flush();
    }

    @AfterAll
    void close() {
        kafka.close();
        geo.close();
    }

    @Test
    void abortedBatchesWithTheNextOneInFlightLeaveEveryRecordOnceInOrderAndWatermarksBehindTheirData() {
        // The first records were there before the stage started: its first fetch held both partitions whole, its
        // polls took one partition after the other, and the batch after the first partition's last one (which
        // ends too large) held only the other partition. The rest comes while the stage runs.
        read(section.topics().output(), rs -> mine(rs).size() >= 2 * (FIRST - 1));
        produce(section.topics().input(), FIRST, PER_PARTITION);
        int tooLarge = TOO_LARGE.values().stream().mapToInt(Set::size).sum();

        List<ConsumerRecord<byte[], byte[]>> dead = mine(read(section.topics().deadLetter(),
                rs -> mine(rs).size() >= tooLarge));
        assertThat(dead)
                .allSatisfy(r -> assertThat(KafkaIo.header(r, DeadLetters.REASON)).isEqualTo("record_too_large"))
                .extracting(r -> json(r).get("event_id").asText()).containsExactlyInAnyOrderElementsOf(
                        TOO_LARGE.entrySet().stream().flatMap(e -> e.getValue().stream().map(s -> id(e.getKey(), s)))
                                .toList());

        List<ConsumerRecord<byte[], byte[]>> out = read(section.topics().output(),
                rs -> mine(rs).size() >= 2 * PER_PARTITION - tooLarge && lastMarks(rs) == 2);
        List<ConsumerRecord<byte[], byte[]>> data = mine(out);
        Map<String, Long> perId = data.stream().collect(Collectors.groupingBy(r -> json(r).get("event_id").asText(),
                Collectors.counting()));
        List<String> expected = new ArrayList<>();
        for (int partition = 0; partition < 2; partition++) {
            for (int seq = 0; seq < PER_PARTITION; seq++) {
                if (!TOO_LARGE.get(partition).contains(seq)) {
                    expected.add(id(partition, seq));
                }
            }
        }
        assertThat(expected).as("lost").filteredOn(id -> !perId.containsKey(id)).isEmpty();
        assertThat(perId.entrySet()).as("written more than once").filteredOn(e -> e.getValue() > 1).isEmpty();
        assertThat(perId).hasSize(expected.size());
        assertThat(data).filteredOn(r -> json(r).has("city")).as("enriched while lookups were in flight")
                .hasSizeGreaterThan(data.size() / 2)
                .allSatisfy(r -> assertThat(json(r).get("city").asText())
                        .isEqualTo("city-" + json(r).get("part").asInt() + "-" + json(r).get("seq").asInt()));

        // Per output partition: each input partition's records in input order, and a forwarded mark only after
        // every data record of its input partition that the input had before the upstream mark it carries.
        for (int q = 0; q < 2; q++) {
            int outputPartition = q;
            Map<Integer, List<Integer>> seqs = new HashMap<>(Map.of(0, new ArrayList<>(), 1, new ArrayList<>()));
            for (ConsumerRecord<byte[], byte[]> r : out) {
                if (r.partition() != outputPartition) {
                    continue;
                }
                if (WatermarkRecords.isWatermark(r.headers())) {
                    WatermarkMark mark = WatermarkRecords.decode(r.headers());
                    int partition = Integer.parseInt(mark.source().substring("enrich-".length()));
                    int after = MARKS_AFTER.get((int) (mark.watermark() - T0));
                    assertThat(seqs.get(partition)).as("partition %d before %s in output partition %d", partition,
                            mark, outputPartition).containsAll(expectedBefore(partition, after, outputPartition));
                } else if (mine(List.of(r)).size() == 1) {
                    seqs.get(json(r).get("part").asInt()).add(json(r).get("seq").asInt());
                }
            }
            seqs.forEach((partition, s) -> assertThat(s).as("input partition %d in output partition %d", partition,
                    outputPartition).isSorted());
        }
        assertThat(loop.state()).isEqualTo(LoopWorker.State.RUNNING);
        assertThat(loop.assignments()).isEqualTo(1);
    }

    /** The data records of input partition {@code partition} up to {@code seq} that hash to output partition q. */
    private List<Integer> expectedBefore(int partition, int seq, int outputPartition) {
        List<Integer> expected = new ArrayList<>();
        for (int s = 0; s <= seq; s++) {
            if (!TOO_LARGE.get(partition).contains(s) && outputPartitionOf("k" + s % 7) == outputPartition) {
                expected.add(s);
            }
        }
        return expected;
    }

    /** The default partitioner's choice for a keyed record on a two-partition topic. */
    private static int outputPartitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 2;
    }

    /** How many input partitions' last upstream mark was forwarded (to output partition 0). */
    private static long lastMarks(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().filter(r -> r.partition() == 0 && WatermarkRecords.isWatermark(r.headers()))
                .map(r -> WatermarkRecords.decode(r.headers()))
                .filter(m -> m.watermark() == T0 + MARKS_AFTER.size() - 1).map(WatermarkMark::source).distinct()
                .count();
    }

    private String event(int partition, int seq, String ip, boolean big) {
        return "{\"event_id\":\"" + id(partition, seq) + "\",\"user_id\":\"u1\",\"part\":" + partition + ",\"seq\":"
                + seq + ",\"event_type\":\"click\",\"timestamp\":1714557600000,\"ip_address\":\"" + ip + "\""
                + (big ? ",\"note\":\"" + incompressible(3 * OUTPUT_LIMIT, seq) + "\"" : "") + "}";
    }

    private String id(int partition, int seq) {
        return run + "-" + partition + "-" + seq;
    }

    /** Random letters and digits: the stage's producer compresses, so a repeated character would fit. */
    private static String incompressible(int length, long seed) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder s = new StringBuilder(length);
        Random random = new Random(seed);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private List<ConsumerRecord<byte[], byte[]>> read(String topic,
                                                     Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        try (CommittedTopicReader reader = kafka.reader(topic)) {
            reader.until(done, WAIT);
            // A duplicate would arrive right behind: the stage has nothing else to write.
            return reader.drain(Duration.ofSeconds(2));
        }
    }

    /** This run's data records (watermark marks have an empty value). */
    private List<ConsumerRecord<byte[], byte[]>> mine(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().filter(r -> r.value() != null && r.value().length > 0)
                .filter(r -> KafkaIo.text(r.value()).contains("\"" + run + "-")).toList();
    }

    private static JsonNode json(ConsumerRecord<byte[], byte[]> r) {
        try {
            return EventCodec.mapper().readTree(r.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
