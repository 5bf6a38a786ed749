package io.platform.etl.stagetestkit;

import static io.platform.etl.stagetestkit.KafkaIo.header;
import static io.platform.etl.stagetestkit.KafkaIo.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.platform.etl.stageruntime.dlq.DeadLetters;
import io.platform.etl.stageruntime.kafka.StageStreams;
import io.platform.etl.testkit.CommittedTopicReader;
import io.platform.etl.testkit.Component;
import io.platform.etl.testkit.PlatformPortsOccupied;
import io.platform.etl.testkit.TestInfra;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The runtime's error classes with a test-only stage ({@link FaultyStage}) in one Micronaut server against the test
 * kit's Kafka and Redis: permanent → dead letters, transient → retried, fatal → health DOWN (last: it stops the stage).
 */
@MicronautTest
@ExtendWith(PlatformPortsOccupied.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StageErrorsIT implements TestPropertyProvider {

    private static final Duration WAIT = Duration.ofSeconds(45);

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    FaultyStage stage;

    @Inject
    StageStreams streams;

    private String bootstrap;
    private String input;
    private String output;
    private String deadLetters;
    private KafkaProducer<byte[], byte[]> producer;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(TestInfra.properties(this, Component.KAFKA, Component.REDIS));
        String suffix = "." + p.get("testkit.kafka.suffix");
        bootstrap = p.get("kafka.bootstrap.servers");
        input = "faulty.in" + suffix;
        output = "faulty.out" + suffix;
        deadLetters = "faulty.dlq" + suffix;
        TestInfra.shared().kafka().createTopics(1, input, output, deadLetters);
        p.putAll(StageProperties.broker(suffix));
        p.put(FaultyStage.ENABLED, "true");
        p.put("pipeline.spec", "missing.yaml");
        p.put("pipeline.seed-fallback", "true");
        p.put("stage.type", "filter");
        p.put("stage.topics.input", "faulty.in");
        p.put("stage.topics.output", "faulty.out");
        p.put("stage.topics.dead-letter", "faulty.dlq");
        p.put("rules.redis.prefix", p.get("testkit.redis.prefix"));
        p.put("rules.startup-wait", "2s");
        p.put("endpoints.health.details-visible", "ANONYMOUS");
        // A replaced stream thread gets its partition back when the dead member's session expires.
        p.put("stage.streams.consumer.session.timeout.ms", "6000");
        p.put("stage.streams.consumer.heartbeat.interval.ms", "2000");
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap), new ByteArraySerializer(),
                new ByteArraySerializer());
        return p;
    }

    @AfterAll
    void closeProducer() {
        producer.close();
    }

    @Test
    @Order(1)
    void permanentErrorSendsTheRecordToDeadLettersWithReasonHeadersAndTheStageGoesOn() {
        awaitRunning();
        String run = run();
        String bad = event(run, "bad", "permanent");
        send(run, bad);
        send(run, event(run, "after", ""));

        List<ConsumerRecord<byte[], byte[]>> dead = ofRun(read(deadLetters, r -> !ofRun(r, run).isEmpty(), WAIT),
                run);
        assertThat(dead).hasSize(1);
        ConsumerRecord<byte[], byte[]> record = dead.get(0);
        assertThat(text(record.value())).isEqualTo(bad);
        assertThat(text(record.key())).isEqualTo(run);
        assertThat(header(record, DeadLetters.REASON)).isEqualTo("bad_amount");
        assertThat(header(record, DeadLetters.STAGE)).isEqualTo("filter");
        assertThat(header(record, DeadLetters.MESSAGE)).contains("amount is negative");
        assertThat(header(record, DeadLetters.ORIGINAL_TOPIC)).isEqualTo(input);
        assertThat(header(record, DeadLetters.ORIGINAL_PARTITION)).isEqualTo("0");
        assertThat(header(record, DeadLetters.ORIGINAL_OFFSET)).matches("\\d+");
        assertThat(outputIds(run, 1)).containsExactly(run + "-after");
        assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }

    @Test
    @Order(2)
    void transientErrorIsRetriedWithBackoffAndTheRecordIsWrittenOnceWhenItSucceeds() {
        awaitRunning();
        String run = run();
        send(run, event(run, "before", ""));
        send(run, event(run, "flaky", "transient:2"));

        assertThat(outputIds(run, 2)).containsExactlyInAnyOrder(run + "-before", run + "-flaky");
        List<Long> attempts = stage.attempts(run + "-flaky");
        assertThat(attempts).hasSize(3);
        // First replacement waits 200 ms, the second 400 ms (plus the rebalance onto the new thread).
        assertThat(Duration.ofNanos(attempts.get(1) - attempts.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(Duration.ofNanos(attempts.get(2) - attempts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(streams.fatalError()).isNull();
        assertThat(ofRun(read(deadLetters, r -> false, Duration.ZERO), run)).isEmpty();
    }

    @Test
    @Order(3)
    void fatalErrorStopsTheStageAndTurnsHealthDown() {
        awaitRunning();
        String run = run();
        send(run, event(run, "fatal", "fatal"));

        await().atMost(WAIT).until(() -> health("/health").getStatus().getCode() == 503);
        String body = health("/health/liveness").getBody(String.class).orElse("");
        assertThat(body).contains("kafka-streams-liveness").contains("DOWN");
        assertThat(health("/health/liveness").getStatus().getCode()).isEqualTo(503);
        assertThat(streams.fatalError()).hasStackTraceContaining("cannot go on");
        assertThat(stage.attempts(run + "-fatal")).hasSize(1);
    }

    private void awaitRunning() {
        await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
    }

    private HttpResponse<?> health(String path) {
        try {
            return http.toBlocking().exchange(path, String.class);
        } catch (HttpClientResponseException e) {
            return e.getResponse();
        }
    }

    private void send(String key, String value) {
        producer.send(new ProducerRecord<>(input, key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8)));
        producer.flush();
    }

    private List<String> outputIds(String run, int expected) {
        return ofRun(read(output, r -> ofRun(r, run).size() >= expected, WAIT), run).stream()
                .map(r -> text(r.value()).replaceAll(".*\"event_id\":\"([^\"]+)\".*", "$1")).toList();
    }

    /** Reads the topic until {@code done} or the timeout, then 500 ms more (to see what should not be there). */
    private List<ConsumerRecord<byte[], byte[]>> read(String topic,
                                                      Predicate<List<ConsumerRecord<byte[], byte[]>>> done,
                                                      Duration timeout) {
        try (CommittedTopicReader reader = new CommittedTopicReader(bootstrap, topic)) {
            reader.until(done, timeout);
            return reader.drain(Duration.ofMillis(500));
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> ofRun(List<ConsumerRecord<byte[], byte[]>> records,
                                                            String run) {
        return records.stream().filter(r -> text(r.value()).contains(run)).toList();
    }

    private static String event(String run, String id, String fault) {
        return "{\"event_id\":\"" + run + "-" + id + "\",\"user_id\":\"u\",\"event_type\":\"click\",\"timestamp\":\""
                + Instant.now() + "\",\"fault\":\"" + fault + "\"}";
    }

    private static String run() {
        return "run-" + UUID.randomUUID();
    }
}
