package io.platform.etl.stage.enrich.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.platform.etl.model.event.EventCodec;
import io.platform.etl.stageruntime.loop.StageLoop;
import io.platform.etl.stageruntime.loop.LoopWorker;
import io.platform.etl.stageruntime.dlq.DeadLetters;
import io.platform.etl.stageruntime.spec.StageSection;
import io.platform.etl.stagetestkit.KafkaIo;
import io.platform.etl.stagetestkit.StageTestRun;
import io.platform.etl.testkit.CommittedTopicReader;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The output topic accepts at most 4 KB per (compressed) record batch (real broker, {@code max.message.bytes}); one
 * input among many would be larger once written there. It goes to the dead-letter topic as {@code record_too_large},
 * once, and every other record of its batch and after it reaches the output exactly once: the batch is not aborted
 * for ever.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OversizeRecordIT implements TestPropertyProvider {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int OUTPUT_LIMIT = 4096;

    @Inject
    StageSection section;

    @Inject
    StageLoop loop;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private KafkaIo kafka;
    private String bootstrap;

    @Override
    public Map<String, String> getProperties() {
        StageTestRun run = StageTestRun.of(this).createTopics(2, "events.deduplicated", "events.dlq");
        Map<String, String> p = run.properties();
        bootstrap = run.bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("events.enriched" + run.suffix(), 2, (short) 1)
                    .configs(Map.of("max.message.bytes", Integer.toString(OUTPUT_LIMIT))))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the small output topic", e);
        }
        // No profile database: the spec's sources fail fast (unavailable / host not allowed); records pass through.
        p.putAll(EnrichProperties.of("jdbc:postgresql://127.0.0.1:1/none", "nobody", ""));
        kafka = new KafkaIo(bootstrap);
        return p;
    }

    @AfterAll
    void close() {
        kafka.close();
    }

    @Test
    void aRecordTooLargeForTheOutputTopicIsDeadLetteredOnceAndTheRestCommitsExactlyOnce() {
        String big = event(100, incompressible(3 * OUTPUT_LIMIT));
        for (int i = 0; i < 200; i++) {
            kafka.send(section.topics().input(), "u" + (i % 5), i == 100 ? big : event(i, ""));
        }
        kafka.flush();

        List<ConsumerRecord<byte[], byte[]>> dead = read(section.topics().deadLetter(), 1);
        assertThat(dead).hasSize(1);
        ConsumerRecord<byte[], byte[]> letter = dead.getFirst();
        assertThat(header(letter, DeadLetters.REASON)).isEqualTo("record_too_large");
        assertThat(header(letter, DeadLetters.ORIGINAL_TOPIC)).isEqualTo(section.topics().input());
        assertThat(KafkaIo.text(letter.value())).isEqualTo(big);

        List<ConsumerRecord<byte[], byte[]>> out = read(section.topics().output(), 199);
        Map<String, Long> perId = out.stream().collect(Collectors.groupingBy(r -> json(r).get("event_id").asText(),
                Collectors.counting()));
        assertThat(perId).hasSize(199).doesNotContainKey(run + "-100")
                .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1L));
        assertThat(loop.state()).isEqualTo(LoopWorker.State.RUNNING);
        assertThat(loop.assignments()).isEqualTo(1);
    }

    /** Random letters and digits: the stage's producer compresses, so a repeated character would fit. */
    private static String incompressible(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder s = new StringBuilder(length);
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private String event(int i, String padding) {
        return "{\"event_id\":\"" + run + "-" + i + "\",\"user_id\":\"u" + (i % 5)
                + "\",\"event_type\":\"click\",\"timestamp\":1714557600000"
                + (padding.isEmpty() ? "" : ",\"note\":\"" + padding + "\"") + "}";
    }

    /** This run's data records (watermark marks have an empty value), after at least {@code expected} arrived. */
    private List<ConsumerRecord<byte[], byte[]>> read(String topic, int expected) {
        try (CommittedTopicReader reader = kafka.reader(topic)) {
            reader.until(rs -> mine(rs).size() >= expected, WAIT);
            // A duplicate would arrive right behind: the stage has nothing else to write.
            return mine(reader.drain(Duration.ofSeconds(2)));
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> mine(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().filter(r -> r.value() != null && r.value().length > 0)
                .filter(r -> KafkaIo.text(r.value()).contains("\"" + run + "-")).toList();
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return r.headers().lastHeader(name) == null ? null : KafkaIo.text(r.headers().lastHeader(name).value());
    }

    private static JsonNode json(ConsumerRecord<byte[], byte[]> r) {
        try {
            return EventCodec.mapper().readTree(r.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
