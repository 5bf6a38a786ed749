package io.platform.etl.rulesclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.platform.etl.model.rules.filter.FilterCondition;
import io.platform.etl.model.rules.filter.FilterRuleSet;
import io.platform.etl.model.rules.filter.Operator;
import io.platform.etl.model.rules.publish.RuleJson;
import io.platform.etl.model.rules.publish.RuleKeys;
import io.platform.etl.model.rules.publish.RuleKind;
import io.platform.etl.model.rules.publish.RuleSnapshot;
import io.platform.etl.model.rules.publish.PublishScript;
import io.platform.etl.testkit.TestInfra;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RulesClientIT {

    private static final String PIPELINE = "p1";
    private final TestInfra infra = TestInfra.shared();
    private final RuleKeys keys = new RuleKeys(TestInfra.uniqueName("rc"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private RulesClient<FilterRuleSet> client;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void appliesSnapshotAtStartThenEveryNewerNotice() {
        publish(1, "click");
        client = start(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> client.current().version() == 1);
        assertThat(client.initialized()).isDone();
        assertThat(values(client)).containsExactly("click");

        publish(2, "view");
        await().atMost(Duration.ofSeconds(5)).until(() -> client.current().version() == 2);
        assertThat(values(client)).containsExactly("view");
        assertThat(client.status().stale()).isFalse();
        assertThat(registry.get("rules_version").gauge().value()).isEqualTo(2.0);

        String report = redis(c -> c.sync().get(keys.appliedKey(PIPELINE, RuleKind.FILTER, "i-1")));
        assertThat(RuleJson.readReport(report).version()).isEqualTo(2);
        long ttl = redis(c -> c.sync().ttl(keys.appliedKey(PIPELINE, RuleKind.FILTER, "i-1")));
        assertThat(ttl).isBetween(1L, 90L);
    }

    @Test
    void keepsLastGoodRulesWhenSnapshotIsInvalidOrOlder() {
        publish(3, "click");
        client = start(Duration.ofMillis(300));
        await().atMost(Duration.ofSeconds(10)).until(() -> client.current().version() == 3);

        String key = keys.snapshotKey(PIPELINE, RuleKind.FILTER);
        redis(c -> c.sync().set(key, "{\"pipeline\":\"p1\",\"kind\":\"filter\",\"version\":4,"
                + "\"published_at\":\"2024-01-01T00:00:00Z\",\"rules\":{\"rules\":[{\"field\":\"x\","
                + "\"operator\":\"between\"}]}}"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> registry.get("rules_invalid").counter().count() >= 1);
        redis(c -> c.sync().set(key, RuleJson.write(snapshot(2, "view"))));
        await().atMost(Duration.ofSeconds(5)).until(() -> client.status().lastSuccess() != null
                && client.status().lastSuccess().isAfter(Instant.now().minusMillis(200)));

        assertThat(client.current().version()).isEqualTo(3);
        assertThat(values(client)).containsExactly("click");
    }

    @Test
    void startsOnStaticRulesWhileRedisIsDownAndPicksUpRulesWhenItComesBack() {
        infra.redis().stop();
        try {
            client = start(Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(5)).until(() -> client.status().lastError() != null);
            assertThat(client.status().stale()).isTrue();
            assertThat(client.initialized()).isNotDone();
            assertThat(client.current().version()).isZero();
            assertThat(registry.get("rules_stale").gauge().value()).isEqualTo(1.0);
        } finally {
            infra.redis().start();
        }
        publish(1, "signup");
        await().atMost(Duration.ofSeconds(10)).until(() -> client.current().version() == 1);
        assertThat(client.status().stale()).isFalse();
        assertThat(values(client)).containsExactly("signup");
        assertThat(registry.get("rules_stale").gauge().value()).isZero();
    }

    private RulesClient<FilterRuleSet> start(Duration refresh) {
        RulesClientSettings settings = new RulesClientSettings(infra.redis().uri(), keys, PIPELINE, RuleKind.FILTER,
                "filter", "i-1", refresh, Duration.ofMillis(200), Duration.ofSeconds(1));
        RulesClient<FilterRuleSet> created = new RulesClient<>(settings, FilterRuleSet.EMPTY,
                RuleSnapshot::filterRules, registry, Clock.systemUTC());
        created.start();
        return created;
    }

    private static List<String> values(RulesClient<FilterRuleSet> c) {
        return c.current().rules().rules().stream().flatMap(r -> r.values().stream()).map(v -> v.asText()).toList();
    }

    private static RuleSnapshot snapshot(long version, String type) {
        return RuleSnapshot.ofFilter(PIPELINE, version, Instant.now(), new FilterRuleSet(List.of(
                FilterCondition.ofList("event_type", Operator.IN, List.of(type)).withId("r" + version))));
    }

    private void publish(long version, String type) {
        RuleSnapshot snapshot = snapshot(version, type);
        redis(c -> c.sync().eval(PublishScript.LUA, ScriptOutputType.INTEGER,
                new String[] {keys.snapshotKey(PIPELINE, RuleKind.FILTER), keys.changesChannel()},
                RuleJson.write(snapshot), Long.toString(version), RuleJson.write(snapshot.notice())));
    }

    private <R> R redis(java.util.function.Function<StatefulRedisConnection<String, String>, R> action) {
        RedisClient redis = RedisClient.create(infra.redis().uri());
        try (StatefulRedisConnection<String, String> c = redis.connect()) {
            return action.apply(c);
        } finally {
            redis.shutdown();
        }
    }
}
