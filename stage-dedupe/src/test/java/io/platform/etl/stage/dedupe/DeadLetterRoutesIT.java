package io.platform.etl.stage.dedupe;

import static io.platform.etl.stage.dedupe.Events.event;
import static io.platform.etl.stagetestkit.KafkaIo.data;
import static io.platform.etl.stagetestkit.KafkaIo.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.platform.etl.model.rules.dedupe.DeduplicationConfig;
import io.platform.etl.stageruntime.dlq.DeadLetters;
import io.platform.etl.stagetestkit.KafkaIo;
import io.platform.etl.stagetestkit.StageTestRun;
import io.platform.etl.testkit.CommittedTopicReader;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The {@code dead_letter} routes ({@code stage.dedupe.missing-key} and {@code stage.dedupe.expired}): the record goes
 * to {@code events.dlq} unchanged with the headers naming stage, reason and input position, never to the output, and
 * is counted as {@code dlq} with its reason as error type. The {@code pass} defaults are covered by
 * {@link DedupeStageIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeadLetterRoutesIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long T0 = 1_714_557_600_000L;
    private static final long MINUTE = 60_000;

    private String input;
    private String output;
    private String dlq;
    private KafkaIo kafka;
    private ApplicationContext stage;

    @BeforeAll
    void start() throws Exception {
        StageTestRun run = StageTestRun.named("dlq").eventTimeFromData()
                .createTopics(2, "events.filtered", "events.deduplicated", "events.dlq");
        input = "events.filtered" + run.suffix();
        output = "events.deduplicated" + run.suffix();
        dlq = "events.dlq" + run.suffix();
        run.rules().publish(Events.rules(1, DeduplicationConfig.of(List.of("event_id", "user_id"))));
        Map<String, String> props = run.properties();
        props.put("stage.state-dir", Files.createTempDirectory("dlq-state").toString());
        props.put("stage.dedupe.missing-key", "dead_letter");
        props.put("stage.dedupe.expired", "dead_letter");
        stage = ApplicationContext.run(new HashMap<String, Object>(props));
        kafka = new KafkaIo(run.bootstrapServers());
    }

    @AfterAll
    void stop() {
        kafka.close();
        stage.close();
    }

    @Test
    @Order(1)
    void sendsARecordMissingAKeyFieldToTheDeadLetterTopicWithItsReason() {
        double before = count("dlq");
        String missing = "{\"event_id\":\"dlq-missing\",\"user_id\":null,\"timestamp\":" + T0 + "}";
        kafka.send(input, 1, "no-user", missing);
        kafka.send(input, 0, "keyed", event("dlq-keyed", "u", T0));
        kafka.flush();
        ConsumerRecord<byte[], byte[]> dead = single(dlq, r -> "no-user".equals(text(r.key())));
        assertThat(text(dead.value())).isEqualTo(missing);
        assertThat(KafkaIo.header(dead, DeadLetters.REASON)).isEqualTo("missing_key_field");
        assertThat(KafkaIo.header(dead, DeadLetters.STAGE)).isEqualTo("deduplicate");
        assertThat(KafkaIo.header(dead, DeadLetters.MESSAGE)).contains("user_id");
        assertThat(KafkaIo.header(dead, DeadLetters.ORIGINAL_PARTITION)).isEqualTo("1");
        assertThat(keys(output)).contains("keyed").doesNotContain("no-user");
        assertThat(count("dlq") - before).isEqualTo(1);
    }

    @Test
    @Order(2)
    void sendsARecordOlderThanTheExpiryHorizonToTheDeadLetterTopicAsDedupeWindowExpired() {
        long t = T0 + 10 * 60 * MINUTE;
        kafka.send(input, 0, "now", event("dlq-now", "u", t));
        kafka.send(input, 1, "now-too", event("dlq-now-too", "u", t));
        kafka.flush();
        await().atMost(WAIT).until(() -> {
            Gauge gauge = stage.getBean(MeterRegistry.class).find("dedupe_watermark_seconds").gauge();
            return gauge != null && gauge.value() >= t / 1000.0;
        });
        double before = count("dlq");
        String old = event("dlq-old", "u", t - 10 * MINUTE);
        kafka.send(input, 1, "old", old);
        kafka.flush();
        ConsumerRecord<byte[], byte[]> dead = single(dlq, r -> "old".equals(text(r.key())));
        assertThat(text(dead.value())).isEqualTo(old);
        assertThat(KafkaIo.header(dead, DeadLetters.REASON)).isEqualTo("dedupe_window_expired");
        assertThat(KafkaIo.header(dead, DeadLetters.STAGE)).isEqualTo("deduplicate");
        assertThat(KafkaIo.header(dead, DeadLetters.ORIGINAL_TOPIC)).isEqualTo(input);
        assertThat(KafkaIo.header(dead, DeadLetters.ORIGINAL_PARTITION)).isEqualTo("1");
        assertThat(dead.headers().lastHeader("x-etl-dedupe")).isNull();
        assertThat(keys(output)).contains("now", "now-too").doesNotContain("old");
        assertThat(count("dlq") - before).isEqualTo(1);
    }

    private ConsumerRecord<byte[], byte[]> single(String topic, Predicate<ConsumerRecord<byte[], byte[]>> match) {
        try (CommittedTopicReader reader = kafka.reader(topic)) {
            reader.until(r -> data(r).stream().anyMatch(match), WAIT);
            List<ConsumerRecord<byte[], byte[]>> found = data(reader.drain(Duration.ofMillis(500))).stream()
                    .filter(match).toList();
            assertThat(found).hasSize(1);
            return found.get(0);
        }
    }

    private List<String> keys(String topic) {
        try (CommittedTopicReader reader = kafka.reader(topic)) {
            return data(reader.drain(Duration.ofSeconds(1))).stream().map(r -> text(r.key())).toList();
        }
    }

    private double count(String status) {
        Counter counter = stage.getBean(MeterRegistry.class).find("throughput")
                .tags("stage", "deduplicate", "status", status).counter();
        return counter == null ? 0 : counter.count();
    }
}
