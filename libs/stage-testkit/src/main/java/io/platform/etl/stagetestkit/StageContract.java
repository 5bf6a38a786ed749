package io.platform.etl.stagetestkit;

import static io.platform.etl.stagetestkit.KafkaIo.header;
import static io.platform.etl.stagetestkit.KafkaIo.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import io.platform.etl.stageruntime.dlq.DeadLetters;
import io.platform.etl.stageruntime.eventtime.WatermarkRecords;
import io.platform.etl.stageruntime.kafka.StageStreams;
import io.platform.etl.stageruntime.loop.LoopWorker;
import io.platform.etl.stageruntime.loop.StageLoop;
import io.platform.etl.stageruntime.spec.StageTopics;
import io.platform.etl.testkit.CommittedTopicReader;
import io.platform.etl.testkit.Component;
import io.platform.etl.testkit.PlatformPortsOccupied;
import io.platform.etl.testkit.TestInfra;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract every stage service passes, in the manner of micronaut-object-storage's TCK: a stage's integration
 * test extends this class and fills in the hooks (its {@link #application()}, a {@link #validRecord} it accepts,
 * the {@link #expectedOutput} for given input, whether it {@link #followsDynamicRules()}, and extra
 * {@link #stageProperties()}).
 * Against the JVM's shared Kafka and Redis ({@link TestInfra}), isolated by a topic suffix and key prefix:
 * <ol>
 *   <li>ready only after the rule gate opened;</li>
 *   <li>each unreadable record kind goes to the dead-letter topic with every {@code x-*} header, and the stage goes
 *       on;</li>
 *   <li>{@code throughput} and {@code processing_latency} are reported on /prometheus;</li>
 *   <li>killed (SIGKILL) mid-stream and restarted, the output (read_committed) holds every expected record exactly
 *       once;</li>
 *   <li>SIGTERM closes cleanly: the process exits, leaves the group and has committed all of its input.</li>
 * </ol>
 * 1–3 run in this JVM ({@link #context()}), 4–5 in separate JVMs ({@link StageProcess}) on topics of their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(PlatformPortsOccupied.class)
public abstract class StageContract {

    /** How long a test waits for something the stage should do. */
    protected static final Duration WAIT = Duration.ofSeconds(60);
    /** {@code stage.max-record-bytes} in these tests, so the {@code too_large} record stays small. */
    protected static final int MAX_RECORD_BYTES = 4096;

    private final TestInfra infra = TestInfra.shared();
    private StageUnderTest stage;
    private String suffix;
    private String redisPrefix;
    private EmbeddedServer server;
    private KafkaIo kafka;
    private StageHttp http;
    private Crash crash;
    private boolean redisStopped;

    /** The stage's {@code main} class (run in a separate JVM for the SIGKILL and SIGTERM cases). */
    protected abstract Class<?> application();

    /**
     * A readable record the stage accepts, unique per {@code run} and {@code i}: it must contain {@code run}
     * (e.g. in {@code event_id}) and have a {@code timestamp}.
     */
    protected abstract String validRecord(String run, int i);

    /** What the output topic should hold for these input values, in any order; a pass-through returns them. */
    protected List<String> expectedOutput(List<String> inputs) {
        return inputs;
    }

    /**
     * True when the stage reads dynamic rules from Redis (its spec section enables {@code dynamic_rules}): then the
     * contract starts it while Redis is down and checks that it is not ready, and its engine not started, until
     * Redis answers and the rules gate opens (ADR 0301). A stage without dynamic rules has no gate to wait for.
     */
    protected boolean followsDynamicRules() {
        return false;
    }

    /**
     * True when the stage runs on the runtime's transactional loop (it provides a {@code LoopStage}, ADR 0337), false
     * when on Kafka Streams (a {@code StageTopology}). The contract asks each engine for its own signs of readiness.
     */
    private boolean onLoop() {
        return context().containsBean(StageLoop.class);
    }

    /** The readiness indicator that is UP while the stage's engine consumes. */
    private String engineIndicator() {
        return onLoop() ? "stage-loop" : "kafkaStreams";
    }

    /** Whether the stage's engine has started consuming (false while the rule gate holds it back). */
    private boolean engineStarted() {
        return onLoop() ? context().getBean(StageLoop.class).state() != LoopWorker.State.CREATED
                : context().getBean(StageStreams.class).state() != KafkaStreams.State.CREATED;
    }

    /** Properties the stage needs beyond {@link StageProperties#common}. */
    protected Map<String, String> stageProperties() {
        return Map.of();
    }

    /** Records fed to the SIGKILL / SIGTERM cases (half before the kill, half after). */
    protected int crashRecords() {
        return 6000;
    }

    @BeforeAll
    void startStage() {
        Map<String, String> test = TestInfra.properties(this, Component.KAFKA, Component.REDIS);
        suffix = "." + test.get("testkit.kafka.suffix");
        redisPrefix = test.get("testkit.redis.prefix");
        Map<String, Object> p = new HashMap<>(properties(suffix));
        p.putAll(test);
        // Case 1: with dynamic rules, only Redis answering opens the gate (no fail-static start meanwhile).
        p.put("rules.startup-wait", "10m");
        stage = StageUnderTest.resolve(p);
        createTopics(suffix);
        kafka = new KafkaIo(infra.kafka().bootstrapServers());
        if (followsDynamicRules()) {
            infra.redis().stop();
            redisStopped = true;
        }
        server = ApplicationContext.run(EmbeddedServer.class, p, Environment.TEST);
        http = new StageHttp(server.getURI());
        crash = new Crash(kafka, infra.kafka().bootstrapServers());
    }

    @AfterAll
    void stopStage() throws Exception {
        if (redisStopped) {
            infra.redis().start();
        }
        if (crash != null) {
            crash.close();
        }
        if (server != null) {
            server.getApplicationContext().close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    /** The stage's Micronaut context (cases 1–3), for stage-specific assertions. */
    protected ApplicationContext context() {
        return server.getApplicationContext();
    }

    /** The body of the stage's {@code /health/readiness}. */
    private String readiness() {
        return http.body("/health/readiness");
    }

    @Test
    @Order(1)
    void becomesReadyOnlyAfterTheRuleGateOpened() {
        if (redisStopped) {
            assertThat(http.status("/health/readiness")).as("readiness while Redis is down").isEqualTo(503);
            assertThat(http.body("/health/readiness")).contains("\"initialized\":false");
            assertThat(engineStarted()).as("engine started before the gate opened").isFalse();
            infra.redis().start();
            redisStopped = false;
        }
        await().atMost(WAIT).until(() -> http.status("/health/readiness") == 200);
        assertThat(http.body("/health/readiness")).contains(engineIndicator(), "rules");
        // Kafka Streams' readiness is UP from REBALANCING on; its threads say RUNNING once partitions are assigned
        // (the loop's indicator says RUNNING once it polls).
        await().atMost(WAIT).until(() -> http.body("/health/readiness").contains("RUNNING"));
        assertThat(engineStarted()).isTrue();
        assertRestoredBeforeReady();
    }

    /**
     * Stages on Kafka Streams are ready only once it reached RUNNING (stores restored), not from REBALANCING on: a
     * rolling update must not move on while a pod restores. The loop keeps no local state, and builds no Kafka
     * Streams at all.
     */
    private void assertRestoredBeforeReady() {
        if (onLoop()) {
            assertThat(readiness()).doesNotContain("kafka-streams-restored", "kafkaStreams");
            return;
        }
        assertThat(readiness()).contains("\"kafka-streams-restored\"");
        assertThat(context().getBean(StageStreams.class).restored()).isTrue();
    }

    @Test
    @Order(2)
    void sendsEachUnreadableRecordKindToDeadLettersWithEveryHeaderAndGoesOn() {
        String run = run();
        Map<String, String> poison = Map.of(
                "not_json", "{not json " + run,
                "not_object", "[\"" + run + "\"]",
                "missing_timestamp", "{\"event_id\":\"" + run + "\",\"event_type\":\"click\"}",
                "bad_timestamp", "{\"event_id\":\"" + run + "\",\"timestamp\":\"yesterday\"}",
                "too_large", "{\"event_id\":\"" + run + "\",\"timestamp\":1714557600000,\"pad\":\""
                        + "x".repeat(MAX_RECORD_BYTES) + "\"}");
        StageTopics topics = stage.topics(suffix);
        poison.forEach((reason, value) -> kafka.send(topics.input(), reason, value));
        List<String> after = List.of(validRecord(run, 1), validRecord(run, 2), validRecord(run, 3));
        after.forEach(value -> kafka.send(topics.input(), "after", value));
        kafka.flush();

        List<ConsumerRecord<byte[], byte[]>> dead = ofRun(read(topics.deadLetter(), poison.size(), run), run);
        assertThat(dead).extracting(r -> header(r, DeadLetters.REASON))
                .containsExactlyInAnyOrderElementsOf(poison.keySet());
        for (ConsumerRecord<byte[], byte[]> record : dead) {
            String reason = header(record, DeadLetters.REASON);
            assertThat(text(record.key())).isEqualTo(reason);
            assertThat(text(record.value())).isEqualTo(poison.get(reason));
            assertThat(header(record, DeadLetters.STAGE)).isEqualTo(stage.stageName());
            assertThat(header(record, DeadLetters.MESSAGE)).isNotBlank();
            assertThat(header(record, DeadLetters.ORIGINAL_TOPIC)).isEqualTo(topics.input());
            assertThat(header(record, DeadLetters.ORIGINAL_PARTITION)).matches("\\d+");
            assertThat(header(record, DeadLetters.ORIGINAL_OFFSET)).matches("\\d+");
        }
        List<String> expected = expectedOutput(after);
        List<String> out = values(ofRun(read(topics.output(), expected.size(), run), run));
        assertThat(out).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    @Order(3)
    void reportsThroughputAndProcessingLatency() {
        String name = stage.stageName();
        String metrics = http.body("/prometheus");
        assertThat(metrics).contains("throughput_total{stage=\"" + name + "\",status=\"dlq\"}",
                "processing_latency_seconds_bucket{stage=\"" + name + "\"",
                "processing_latency_seconds_count{stage=\"" + name + "\"}");
        assertThat(metrics).as("an outcome besides dlq")
                .containsPattern("throughput_total\\{stage=\"" + name + "\",status=\"(?!dlq\")[a-z_]+\"} [1-9]");
    }

    @Test
    @Order(4)
    void killedMidStreamAndRestartedWritesEveryExpectedRecordExactlyOnce() throws Exception {
        String crashSuffix = suffix + "-crash";
        createTopics(crashSuffix);
        Map<String, String> p = processProperties(crashSuffix);
        crash.run(application(), p, stage.topics(crashSuffix), crashRecords(), this::validRecord,
                this::expectedOutput, Path.of("target", getClass().getSimpleName()));
    }

    @Test
    @Order(5)
    void sigtermClosesCleanlyLeavesTheGroupAndCommitsAllInput() throws Exception {
        crash.terminateAndCheckCommitted();
    }

    private Map<String, String> processProperties(String topicSuffix) throws Exception {
        Map<String, String> p = new LinkedHashMap<>(properties(topicSuffix));
        p.put("kafka.bootstrap.servers", infra.kafka().bootstrapServers());
        p.put("redis.uri", infra.redis().uri());
        p.put("stage.application-id", "contract-" + UUID.randomUUID().toString().substring(0, 8));
        p.put("stage.state-dir", Files.createTempDirectory("stage-contract").toString());
        // A killed member must not hold its partitions for the default session.
        p.put("stage.streams.consumer.session.timeout.ms", "6000");
        p.put("stage.streams.consumer.heartbeat.interval.ms", "2000");
        p.put("stage.commit-interval", "200ms");
        p.put("rules.startup-wait", "2s");
        return p;
    }

    private Map<String, String> properties(String topicSuffix) {
        Map<String, String> p = new HashMap<>(StageProperties.common(topicSuffix, redisPrefix));
        p.put("stage.max-record-bytes", Integer.toString(MAX_RECORD_BYTES));
        p.putAll(stageProperties());
        return p;
    }

    private void createTopics(String topicSuffix) {
        StageTopics topics = stage.topics(topicSuffix);
        infra.kafka().createTopics(2, topics.input(), topics.output(), topics.deadLetter());
    }

    /** Records of this run on the topic once {@code expected} of them arrived, plus any arriving 500 ms later. */
    private List<ConsumerRecord<byte[], byte[]>> read(String topic, int expected, String run) {
        try (CommittedTopicReader reader = kafka.reader(topic)) {
            reader.until(r -> ofRun(r, run).size() >= expected, WAIT);
            return reader.drain(Duration.ofMillis(500));
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> ofRun(List<ConsumerRecord<byte[], byte[]>> records,
                                                            String run) {
        List<ConsumerRecord<byte[], byte[]>> mine = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (r.value() != null && text(r.value()).contains(run)) {
                mine.add(r);
            }
        }
        return mine;
    }

    /** The record values as text, without the runtime's watermark control records (ADR 0320). */
    static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().filter(r -> !WatermarkRecords.isWatermark(r.headers()))
                .map(r -> text(r.value())).toList();
    }

    private static String run() {
        return "run-" + UUID.randomUUID();
    }
}
