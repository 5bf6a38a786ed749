package io.platform.etl.stage.filter;

import static io.platform.etl.stagetestkit.KafkaIo.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.platform.etl.model.rules.filter.FilterCondition;
import io.platform.etl.model.rules.filter.FilterEvaluator;
import io.platform.etl.model.rules.filter.FilterRuleSet;
import io.platform.etl.model.rules.filter.Operator;
import io.platform.etl.model.rules.publish.RuleSnapshot;
import io.platform.etl.model.spec.StreamingPipeline;
import io.platform.etl.rulesclient.RuleHolder;
import io.platform.etl.stageruntime.rules.StageRules;
import io.platform.etl.stageruntime.spec.StageSection;
import io.platform.etl.stagetestkit.KafkaIo;
import io.platform.etl.stagetestkit.RedisRules;
import io.platform.etl.stagetestkit.StageTestRun;
import io.platform.etl.testkit.CommittedTopicReader;
import io.platform.etl.testkit.PlatformPortsOccupied;
import io.platform.etl.testkit.TestInfra;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The filter's own behaviour (static and dynamic conditions, Redis outages) in one Micronaut context against the
 * real broker and Redis of the test kit; what every stage does is {@link FilterContractIT}.
 */
@MicronautTest
@ExtendWith(PlatformPortsOccupied.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FilterStageIT implements TestPropertyProvider {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    StageSection section;

    @Inject
    StreamingPipeline pipeline;

    @Inject
    RuleHolder<FilterEvaluator> rules;

    @Inject
    StageRules stageRules;

    private final TestInfra infra = TestInfra.shared();
    private String redisPrefix;
    private KafkaIo kafka;

    @Override
    public Map<String, String> getProperties() {
        StageTestRun run = StageTestRun.of(this).createTopics(2, "user.events.raw", "events.filtered", "events.dlq");
        redisPrefix = run.redisPrefix();
        kafka = new KafkaIo(run.bootstrapServers());
        return run.properties();
    }

    @AfterAll
    void closeKafka() {
        kafka.close();
    }

    @Test
    @Order(1)
    void passesRecordsMatchingStaticConditionsWithBytesAndKeysUnchanged() {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                http.toBlocking().exchange("/health/readiness", Map.class).getStatus().getCode() == 200);
        String run = run();
        String click = " { \"event_id\" : \"" + run + "-1\", \"user_id\":\"u1\", \"event_type\":\"click\", "
                + "\"timestamp\":1714557600000, \"amount\": 12.50, \"extra\":{\"a\":[1,2]} }";
        String purchase = event(run, 2, "purchase", "u2", 5, "10.0.0.2");
        kafka.send(section.topics().input(), "k1", click);
        kafka.send(section.topics().input(), "k-view", event(run, 3, "view", "u3", 5, null));
        kafka.send(section.topics().input(), "k-nouser", event(run, 4, "purchase", null, 5, null));
        kafka.send(section.topics().input(), "k2", purchase);
        kafka.flush();

        List<ConsumerRecord<byte[], byte[]>> out = output(run, 2);
        assertThat(out).extracting(r -> text(r.key())).containsExactlyInAnyOrder("k1", "k2");
        Map<String, String> byKey = out.stream().collect(Collectors.toMap(r -> text(r.key()), r -> text(r.value())));
        assertThat(byKey.get("k1")).isEqualTo(click);
        assertThat(byKey.get("k2")).isEqualTo(purchase);
    }

    @Test
    @Order(2)
    void ruleChangeAppliesToTheNextRecordsWithoutRestart() {
        long before = rules.current().version();
        long started = System.nanoTime();
        publish(before + 1, List.of(
                FilterCondition.of("amount", Operator.GTE, 100).withId("big"),
                FilterCondition.of("ip_address", Operator.REGEX, "^10\\.").withId("internal"),
                FilterCondition.of("event_type", Operator.NOT_EQUALS, "signup").withId("no-signup")));
        await().atMost(WAIT).until(() -> rules.current().version() == before + 1);
        System.out.printf("rule propagation (publish -> applied): %d ms%n", (System.nanoTime() - started) / 1_000_000);

        String run = run();
        kafka.send(section.topics().input(), "pass-150", event(run, 1, "click", "u", 150, "10.0.0.1"));
        kafka.send(section.topics().input(), "pass-100", event(run, 2, "purchase", "u", 100, "10.9.9.9"));
        kafka.send(section.topics().input(), "small", event(run, 3, "click", "u", 50, "10.0.0.1"));
        kafka.send(section.topics().input(), "external", event(run, 4, "click", "u", 150, "192.168.0.1"));
        kafka.send(section.topics().input(), "signup", event(run, 5, "signup", "u", 150, "10.0.0.1"));
        kafka.send(section.topics().input(), "no-amount", event(run, 6, "click", "u", null, "10.0.0.1"));
        kafka.flush();
        assertThat(output(run, 2)).extracting(r -> text(r.key())).containsExactlyInAnyOrder("pass-150", "pass-100");

        publish(before + 2, List.of(FilterCondition.of("amount", Operator.LT, 100)));
        await().atMost(WAIT).until(() -> rules.current().version() == before + 2);
        String next = run();
        kafka.send(section.topics().input(), "now-small", event(next, 1, "click", "u", 50, null));
        kafka.send(section.topics().input(), "now-big", event(next, 2, "click", "u", 150, null));
        kafka.flush();
        assertThat(output(next, 1)).extracting(r -> text(r.key())).containsExactly("now-small");
    }

    @Test
    @Order(3)
    void keepsFilteringOnLastRulesWhileRedisIsDownAndTakesNewerVersionWhenItIsBack() {
        long version = rules.current().version();
        publish(version + 1, List.of(FilterCondition.of("amount", Operator.LT, 100)));
        await().atMost(WAIT).until(() -> rules.current().version() == version + 1);
        infra.redis().stop();
        try {
            await().atMost(WAIT).until(() -> stageRules.clients().get(0).client().status().stale());
            assertThat(http.toBlocking().retrieve("/health", String.class)).contains("\"stale\":true");
            String run = run();
            kafka.send(section.topics().input(), "down-small", event(run, 1, "click", "u", 50, null));
            kafka.send(section.topics().input(), "down-big", event(run, 2, "click", "u", 500, null));
            kafka.flush();
            assertThat(output(run, 1)).extracting(r -> text(r.key())).containsExactly("down-small");
            assertThat(rules.current().version()).isEqualTo(version + 1);
        } finally {
            infra.redis().start();
        }
        // Redis comes back empty: the relay re-publishes a newer version.
        publish(version + 2, List.of(FilterCondition.of("amount", Operator.GTE, 1000)));
        await().atMost(WAIT).until(() -> rules.current().version() == version + 2);
        assertThat(stageRules.clients().get(0).client().status().stale()).isFalse();
        String run = run();
        kafka.send(section.topics().input(), "back-small", event(run, 1, "click", "u", 50, null));
        kafka.send(section.topics().input(), "back-big", event(run, 2, "click", "u", 2000, null));
        kafka.flush();
        assertThat(output(run, 1)).extracting(r -> text(r.key())).containsExactly("back-big");
    }

    @Test
    @Order(4)
    void exposesFilterOutcomesRulesAndLagMetrics() {
        String metrics = http.toBlocking().retrieve("/prometheus");
        assertThat(metrics).contains(
                "throughput_total{stage=\"filter\",status=\"passed\"}",
                "throughput_total{stage=\"filter\",status=\"filtered\"}",
                "rules_version{kind=\"filter\",pipeline=\"" + pipeline.name() + "\"}",
                "rules_stale{kind=\"filter\",pipeline=\"" + pipeline.name() + "\"} 0",
                "kafka_consumer_fetch_manager_records_lag_max");
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
        return records.stream().filter(r -> text(r.value()).contains(run)).toList();
    }

    private void publish(long version, List<FilterCondition> conditions) {
        publish(new RedisRules(infra.redis().uri(), redisPrefix), pipeline.name(), version, conditions);
    }

    static void publish(RedisRules redis, String pipeline, long version, List<FilterCondition> conditions) {
        assertThat(redis.publish(RuleSnapshot.ofFilter(pipeline, version, Instant.now(),
                new FilterRuleSet(conditions)))).isEqualTo(1L);
    }

    private static String run() {
        return "run-" + UUID.randomUUID();
    }

    static String event(String run, int i, String type, String user, Integer amount, String ip) {
        StringBuilder json = new StringBuilder("{\"event_id\":\"" + run + "-" + i + "\"");
        if (user != null) {
            json.append(",\"user_id\":\"").append(user).append('"');
        }
        json.append(",\"event_type\":\"").append(type).append("\",\"timestamp\":\"").append(Instant.now()).append('"');
        if (amount != null) {
            json.append(",\"amount\":").append(amount);
        }
        if (ip != null) {
            json.append(",\"ip_address\":\"").append(ip).append('"');
        }
        return json.append('}').toString();
    }
}
