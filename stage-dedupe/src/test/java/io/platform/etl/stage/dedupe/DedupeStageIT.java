package io.platform.etl.stage.dedupe;

import static io.platform.etl.stage.dedupe.Events.event;
import static io.platform.etl.stagetestkit.KafkaIo.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.platform.etl.model.rules.dedupe.DedupeAlgorithm;
import io.platform.etl.model.rules.dedupe.DeduplicationConfig;
import io.platform.etl.model.rules.publish.RuleSnapshot;
import io.platform.etl.model.spec.StreamingPipeline;
import io.platform.etl.rulesclient.RuleHolder;
import io.platform.etl.stage.dedupe.engine.DedupeRules;
import io.platform.etl.stageruntime.spec.StageSection;
import io.platform.etl.stagetestkit.KafkaIo;
import io.platform.etl.stagetestkit.RedisRules;
import io.platform.etl.stagetestkit.StageTestRun;
import io.platform.etl.testkit.CommittedTopicReader;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The dedupe stage in one Micronaut context against the real broker and Redis of the test kit. Input topics have two
 * partitions; copies are produced into different partitions on purpose. Each test works a later stretch of event
 * time than the one before (the pipeline watermark only moves forward).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DedupeStageIT implements TestPropertyProvider {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final long T0 = 1_714_557_600_000L;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    StageSection section;

    @Inject
    StreamingPipeline pipeline;

    @Inject
    RuleHolder<DedupeRules> rules;

    @Inject
    MeterRegistry registry;

    private RedisRules rulesPublisher;
    private KafkaIo kafka;

    @Override
    public Map<String, String> getProperties() {
        StageTestRun run = StageTestRun.of(this).eventTimeFromData()
                .createTopics(2, "events.filtered", "events.deduplicated", "events.dlq");
        rulesPublisher = run.rules();
        kafka = new KafkaIo(run.bootstrapServers());
        return run.properties();
    }

    @AfterAll
    void closeKafka() {
        kafka.close();
    }

    @Test
    @Order(1)
    void dropsCopiesInsideTheWindowWhateverPartitionTheyLandInAndPassesTheFirstUnchanged() {
        await().atMost(WAIT).ignoreExceptions().until(() ->
                http.toBlocking().exchange("/health/readiness", Map.class).getStatus().getCode() == 200);
        assertThat(rules.current().rules().algorithm()).isEqualTo(DedupeAlgorithm.BLOOM_FILTER);
        String run = run();
        long t = T0;
        String first = "{ \"event_id\" : \"" + run + "-1\", \"user_id\":\"u1\", \"timestamp\":\"2024-05-01T10:00:00Z\","
                + " \"extra\" : [1, 2] }";
        kafka.send(input(), 0, "key-a", first);
        kafka.send(input(), 1, null, event(run + "-2", "u2", t));
        kafka.flush();
        List<ConsumerRecord<byte[], byte[]>> out = output(run, 2);
        ConsumerRecord<byte[], byte[]> passed = out.stream().filter(r -> text(r.value()).contains(run + "-1"))
                .findFirst().orElseThrow();
        assertThat(text(passed.key())).isEqualTo("key-a");
        assertThat(text(passed.value())).isEqualTo(first);
        assertThat(passed.headers().toArray()).isEmpty();

        kafka.send(input(), 1, "key-b", first);
        kafka.send(input(), 0, "key-c", first.replace("\"extra\" : [1, 2]", "\"extra\" : 3"));
        kafka.send(input(), 0, null, event(run + "-2", "u2", t));
        kafka.send(input(), 1, "last", event(run + "-3", "u3", t));
        kafka.flush();
        assertThat(output(run, 3)).extracting(r -> text(r.key())).containsExactlyInAnyOrder("key-a", null, "last");
    }

    @Test
    @Order(2)
    void appliesAPublishedRuleAndJudgesByEventTimeInsideAndOutsideTheWindow() {
        publish(1, DeduplicationConfig.of(List.of("event_id")).withAlgorithm(DedupeAlgorithm.EXACT));
        await().atMost(WAIT).until(() -> rules.current().version() == 1);
        String run = run();
        long t = T0 + 10 * HOUR;
        kafka.send(input(), 0, "x-30", event(run + "-x", "u", t + 30 * MINUTE));
        kafka.flush();
        output(run, 1);
        kafka.send(input(), 1, "x-29.5-earlier-copy", event(run + "-x", "u", t + 29 * MINUTE + 30_000));
        kafka.send(input(), 1, "x-89-copy", event(run + "-x", "u", t + 89 * MINUTE));
        kafka.send(input(), 1, "x-90-outside", event(run + "-x", "u", t + 90 * MINUTE));
        kafka.send(input(), 1, "x-100-copy-of-90", event(run + "-x", "u", t + 100 * MINUTE));
        kafka.send(input(), 1, "sentinel", event(run + "-s", "u", t + 100 * MINUTE));
        kafka.flush();
        assertThat(output(run, 3)).extracting(r -> text(r.key()))
                .containsExactlyInAnyOrder("x-30", "x-90-outside", "sentinel");
    }

    @Test
    @Order(3)
    void passesRecordsWithoutAKeyFieldAndRecordsOlderThanTheHorizonAndCountsThem() {
        String run = run();
        long t = T0 + 20 * HOUR;
        // Both partitions move to t, so the pipeline watermark (their minimum) does.
        kafka.send(input(), 0, "now", event(run + "-now", "u", t));
        kafka.send(input(), 1, "now-too", event(run + "-now-too", "u", t));
        kafka.flush();
        output(run, 2);
        awaitWatermark(t);
        double missing = count("missing_key");
        double expired = count("expired");
        kafka.send(input(), 0, "no-id", "{\"user_id\":\"" + run + "\",\"timestamp\":" + t + "}");
        kafka.send(input(), 1, "no-id-again", "{\"user_id\":\"" + run + "\",\"timestamp\":" + t + "}");
        // Both copies are behind the watermark by more than the allowed lateness: not judged, passed.
        kafka.send(input(), 0, "old", event(run + "-now", "u", t - 10 * MINUTE));
        kafka.send(input(), 1, "old-again", event(run + "-now", "u", t - 10 * MINUTE));
        kafka.flush();
        assertThat(output(run, 6)).extracting(r -> text(r.key()))
                .containsExactlyInAnyOrder("now", "now-too", "no-id", "no-id-again", "old", "old-again");
        assertThat(count("missing_key") - missing).isEqualTo(2);
        assertThat(count("expired") - expired).isEqualTo(2);
    }

    @Test
    @Order(4)
    void switchesAlgorithmAndKeyFieldsAtRunTimeWithoutLettingKnownKeysThrough() {
        String run = run();
        long t = T0 + 30 * HOUR;
        kafka.send(input(), 0, "exact-1", event(run + "-1", "alice-" + run, t));
        kafka.flush();
        output(run, 1);

        publish(2, new DeduplicationConfig(Duration.ofHours(1), List.of("event_id"), DedupeAlgorithm.BLOOM_FILTER,
                null, 0.001, 10_000L));
        await().atMost(WAIT).until(() -> rules.current().version() == 2);
        kafka.send(input(), 1, "bloom-copy-of-exact-1", event(run + "-1", "alice-" + run, t + MINUTE));
        kafka.send(input(), 0, "bloom-2", event(run + "-2", "bob-" + run, t + MINUTE));
        kafka.flush();
        // Which of two copies in different input partitions is first is the order they reach the hop partition in
        // (ADR 0609: no timestamp ordering across input partitions): the copy is sent once the original passed.
        output(run, 2);
        kafka.send(input(), 1, "bloom-copy-of-2", event(run + "-2", "bob-" + run, t + 2 * MINUTE));
        kafka.send(input(), 0, "bloom-3", event(run + "-3", "bob-" + run, t + 2 * MINUTE));
        kafka.flush();
        assertThat(output(run, 3)).extracting(r -> text(r.key())).containsExactlyInAnyOrder("exact-1", "bloom-2",
                "bloom-3");

        publish(3, DeduplicationConfig.of(List.of("user_id")).withAlgorithm(DedupeAlgorithm.EXACT));
        await().atMost(WAIT).until(() -> rules.current().version() == 3);
        // A fresh key space: user_id values never seen as a key pass once, then their copies are dropped.
        kafka.send(input(), 0, "user-alice", event(run + "-4", "alice-" + run, t + 3 * MINUTE));
        kafka.flush();
        output(run, 4);
        kafka.send(input(), 1, "user-alice-again", event(run + "-5", "alice-" + run, t + 3 * MINUTE));
        kafka.send(input(), 1, "user-carol", event(run + "-6", "carol-" + run, t + 3 * MINUTE));
        kafka.flush();
        assertThat(output(run, 5)).extracting(r -> text(r.key())).containsExactlyInAnyOrder("exact-1", "bloom-2",
                "bloom-3", "user-alice", "user-carol");
    }

    @Test
    @Order(5)
    void exposesDuplicatesStateSizeAndFalsePositiveRatesAsMetrics() {
        await().atMost(WAIT).until(() -> http.toBlocking().retrieve("/prometheus")
                .contains("dedupe_retained_keys{algorithm=\"exact\",stage=\"deduplicate\"}"));
        String metrics = http.toBlocking().retrieve("/prometheus");
        assertThat(metrics).contains(
                "throughput_total{stage=\"deduplicate\",status=\"duplicate\"}",
                "throughput_total{stage=\"deduplicate\",status=\"passed\"}",
                "processing_latency_seconds_bucket{stage=\"deduplicate\"",
                "dedupe_state_bytes{algorithm=\"bloom_filter\",stage=\"deduplicate\"}",
                "dedupe_bloom_false_positive_rate{kind=\"configured\",stage=\"deduplicate\"} 0.001",
                "dedupe_bloom_false_positive_rate{kind=\"estimated\",stage=\"deduplicate\"}",
                "dedupe_watermark_seconds{stage=\"deduplicate\"}");
    }

    private void awaitWatermark(long time) {
        await().atMost(WAIT).until(() -> {
            Gauge gauge = registry.find("dedupe_watermark_seconds").gauge();
            return gauge != null && gauge.value() >= time / 1000.0;
        });
    }

    private double count(String status) {
        Counter counter = registry.find("throughput").tags("stage", "deduplicate", "status", status).counter();
        return counter == null ? 0 : counter.count();
    }

    private String input() {
        return section.topics().input();
    }

    private List<ConsumerRecord<byte[], byte[]>> output(String run, int expected) {
        try (CommittedTopicReader reader = kafka.reader(section.topics().output())) {
            reader.until(r -> ofRun(r, run).size() >= expected, WAIT);
            // Anything that should not have passed would have arrived with or before the expected ones.
            return ofRun(reader.drain(Duration.ofMillis(500)), run);
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> ofRun(List<ConsumerRecord<byte[], byte[]>> records,
                                                            String run) {
        return KafkaIo.data(records).stream().filter(r -> text(r.value()).contains(run)).toList();
    }

    private void publish(long version, DeduplicationConfig config) {
        assertThat(rulesPublisher.publish(RuleSnapshot.ofDeduplication(pipeline.name(), version, Instant.now(),
                config))).isEqualTo(1L);
    }

    private static String run() {
        return "run-" + UUID.randomUUID();
    }
}
