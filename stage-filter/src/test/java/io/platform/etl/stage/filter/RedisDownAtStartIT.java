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
import io.platform.etl.model.rules.filter.Operator;
import io.platform.etl.model.spec.StreamingPipeline;
import io.platform.etl.rulesclient.RuleHolder;
import io.platform.etl.stageruntime.spec.StageSection;
import io.platform.etl.stagetestkit.KafkaIo;
import io.platform.etl.stagetestkit.RedisRules;
import io.platform.etl.stagetestkit.StageTestRun;
import io.platform.etl.testkit.CommittedTopicReader;
import io.platform.etl.testkit.PlatformPortsOccupied;
import io.platform.etl.testkit.TestInfra;
import jakarta.inject.Inject;
import java.time.Duration;
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
import org.junit.jupiter.api.extension.ExtendWith;

/** ADR 0301 for the stage itself: Redis is down when the stage starts, and comes back later. */
@MicronautTest
@ExtendWith(PlatformPortsOccupied.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisDownAtStartIT implements TestPropertyProvider {

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

    private final TestInfra infra = TestInfra.shared();
    private String redisPrefix;
    private KafkaIo kafka;

    @Override
    public Map<String, String> getProperties() {
        StageTestRun run = StageTestRun.of(this).createTopics(1, "user.events.raw", "events.filtered", "events.dlq");
        redisPrefix = run.redisPrefix();
        Map<String, String> p = run.properties();
        p.put("rules.startup-wait", "1s");
        kafka = new KafkaIo(run.bootstrapServers());
        infra.redis().stop();
        return p;
    }

    @AfterAll
    void restoreRedis() {
        kafka.close();
        infra.redis().start();
    }

    @Test
    @Order(1)
    void startsAfterTheStartupWaitOnStaticRulesAndReportsStale() {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                http.toBlocking().exchange("/health/readiness", Map.class).getStatus().getCode() == 200);
        assertThat(rules.current().version()).isZero();
        assertThat(http.toBlocking().retrieve("/prometheus"))
                .contains("rules_stale{kind=\"filter\",pipeline=\"" + pipeline.name() + "\"} 1");
        assertThat(http.toBlocking().retrieve("/health", String.class)).contains("\"stale\":true");

        String run = run();
        kafka.send(section.topics().input(), "click", FilterStageIT.event(run, 1, "click", "u", 5, null));
        kafka.send(section.topics().input(), "view", FilterStageIT.event(run, 2, "view", "u", 5, null));
        kafka.flush();
        assertThat(output(run, 1)).extracting(r -> text(r.key())).containsExactly("click");
    }

    @Test
    @Order(2)
    void appliesTheRulesOnceRedisIsBackAndAVersionIsPublished() {
        infra.redis().start();
        FilterStageIT.publish(new RedisRules(infra.redis().uri(), redisPrefix), pipeline.name(), 1,
                List.of(FilterCondition.of("amount", Operator.GTE, 100)));
        await().atMost(WAIT).until(() -> rules.current().version() == 1);
        await().atMost(WAIT).until(() -> http.toBlocking().retrieve("/prometheus")
                .contains("rules_stale{kind=\"filter\",pipeline=\"" + pipeline.name() + "\"} 0"));

        String run = run();
        kafka.send(section.topics().input(), "small", FilterStageIT.event(run, 1, "click", "u", 5, null));
        kafka.send(section.topics().input(), "big", FilterStageIT.event(run, 2, "click", "u", 500, null));
        kafka.flush();
        assertThat(output(run, 1)).extracting(r -> text(r.key())).containsExactly("big");
    }

    private List<ConsumerRecord<byte[], byte[]>> output(String run, int expected) {
        try (CommittedTopicReader reader = kafka.reader(section.topics().output())) {
            reader.until(r -> ofRun(r, run).size() >= expected, WAIT);
            return ofRun(reader.drain(Duration.ofMillis(500)), run);
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> ofRun(List<ConsumerRecord<byte[], byte[]>> records,
                                                            String run) {
        return records.stream().filter(r -> text(r.value()).contains(run)).toList();
    }

    private static String run() {
        return "run-" + UUID.randomUUID();
    }
}
