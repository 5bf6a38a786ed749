package io.platform.etl.model.rules.publish;

import io.platform.etl.model.rules.RuleValidationException;
import io.platform.etl.model.rules.dedupe.DedupeAlgorithm;
import io.platform.etl.model.rules.dedupe.DeduplicationConfig;
import io.platform.etl.model.rules.enrich.EnrichmentRule;
import io.platform.etl.model.rules.enrich.EnrichmentRuleSet;
import io.platform.etl.model.rules.enrich.EnrichmentSource;
import io.platform.etl.model.rules.filter.FilterCondition;
import io.platform.etl.model.rules.filter.FilterRuleSet;
import io.platform.etl.model.rules.filter.Operator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RulePublishFormatTest {

    private static final Instant AT = Instant.parse("2024-05-01T10:00:00Z");

    @Test
    void keysFollowTheDocumentedLayout() {
        RuleKeys keys = RuleKeys.DEFAULT;
        assertThat(keys.snapshotKey("advanced-streaming-pipeline", RuleKind.FILTER))
                .isEqualTo("etl:rules:advanced-streaming-pipeline:filter:snapshot");
        assertThat(keys.snapshotKey("p", RuleKind.DEDUPLICATION)).isEqualTo("etl:rules:p:deduplication:snapshot");
        assertThat(keys.changesChannel()).isEqualTo("etl:rules:changes");
        assertThat(keys.appliedKey("p", RuleKind.ENRICHMENT, "stage-enrich-7d9f-x2"))
                .isEqualTo("etl:rules:p:enrichment:applied:stage-enrich-7d9f-x2");
        assertThat(keys.appliedKeyPattern("p", RuleKind.ENRICHMENT)).isEqualTo("etl:rules:p:enrichment:applied:*");
        assertThat(new RuleKeys("test-123").changesChannel()).isEqualTo("test-123:changes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a:b", "a b", "a*", "ä"})
    void rejectsNamesThatWouldBreakKeys(String name) {
        assertThatThrownBy(() -> RuleKeys.DEFAULT.snapshotKey(name, RuleKind.FILTER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pipeline must match");
        assertThatThrownBy(() -> RuleKeys.DEFAULT.appliedKey("p", RuleKind.FILTER, name))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instanceId must match");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "etl:"})
    void rejectsBadPrefix(String prefix) {
        assertThatThrownBy(() -> new RuleKeys(prefix)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kindNamesAreLowercase() {
        assertThat(RuleKind.values()).extracting(RuleKind::jsonName)
                .containsExactly("filter", "deduplication", "enrichment");
    }

    @Test
    void filterSnapshotRoundTrip() {
        FilterRuleSet rules = new FilterRuleSet(List.of(
                FilterCondition.ofList("event_type", Operator.IN, List.of("click", "view")).withId("rule-001"),
                FilterCondition.of("amount", Operator.GT, new java.math.BigDecimal("10.50")).withId("rule-002")));
        RuleSnapshot snapshot = RuleSnapshot.ofFilter("p", 7, AT, rules);
        String json = RuleJson.write(snapshot);
        assertThat(json).isEqualTo("{\"pipeline\":\"p\",\"kind\":\"filter\",\"version\":7,"
                + "\"published_at\":\"2024-05-01T10:00:00Z\",\"rules\":{\"rules\":["
                + "{\"id\":\"rule-001\",\"field\":\"event_type\",\"operator\":\"in\",\"values\":[\"click\",\"view\"],\"enabled\":true},"
                + "{\"id\":\"rule-002\",\"field\":\"amount\",\"operator\":\"gt\",\"value\":10.50,\"enabled\":true}]}}");
        RuleSnapshot read = RuleJson.readSnapshot(json);
        assertThat(read).isEqualTo(snapshot);
        assertThat(read.filterRules()).isEqualTo(rules);
        assertThat(read.notice()).isEqualTo(new RuleChangeNotice("p", RuleKind.FILTER, 7));
    }

    @Test
    void deduplicationSnapshotRoundTrip() {
        DeduplicationConfig config = DeduplicationConfig.of(List.of("event_id", "user_id"))
                .withWindowSize(Duration.ofHours(2)).withAlgorithm(DedupeAlgorithm.EXACT);
        RuleSnapshot snapshot = RuleSnapshot.ofDeduplication("p", 3, AT, config);
        String json = RuleJson.write(snapshot);
        assertThat(json).contains("\"kind\":\"deduplication\"", "\"window_size\":\"2h\"", "\"cleanup_interval\":\"5m\"");
        assertThat(RuleJson.readSnapshot(json).deduplicationConfig()).isEqualTo(config);
    }

    @Test
    void enrichmentSnapshotRoundTrip() {
        EnrichmentRuleSet rules = new EnrichmentRuleSet(
                List.of(EnrichmentSource.database("user_profiles", "postgresql://user-db:5432/profiles")),
                List.of(new EnrichmentRule("user_profiles", "user_id", List.of("age", "region"), null)));
        String json = RuleJson.write(RuleSnapshot.ofEnrichment("p", 1, AT, rules));
        assertThat(json).contains("\"kind\":\"enrichment\"", "\"sources\":[", "\"join_key\":\"user_id\"");
        assertThat(RuleJson.readSnapshot(json).enrichmentRules()).isEqualTo(rules);
    }

    @Test
    void typedDecodeRefusesOtherKinds() {
        RuleSnapshot snapshot = RuleSnapshot.ofFilter("p", 1, AT, FilterRuleSet.EMPTY);
        assertThatThrownBy(snapshot::deduplicationConfig).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds filter rules, not deduplication");
    }

    @Test
    void typedDecodeReportsInvalidPayload() {
        RuleSnapshot snapshot = new RuleSnapshot("p", RuleKind.FILTER, 1, AT,
                RuleJson.readTree("{\"rules\":[{\"field\":\"a\",\"operator\":\"between\"}]}"));
        assertThatThrownBy(snapshot::filterRules).isInstanceOf(RuleValidationException.class)
                .hasMessageContaining("rules[0].operator: unknown operator \"between\"");
    }

    @Test
    void noticeRoundTrip() {
        RuleChangeNotice notice = new RuleChangeNotice("advanced-streaming-pipeline", RuleKind.ENRICHMENT, 12);
        String json = RuleJson.write(notice);
        assertThat(json).isEqualTo("{\"pipeline\":\"advanced-streaming-pipeline\",\"kind\":\"enrichment\",\"version\":12}");
        assertThat(RuleJson.readNotice(json)).isEqualTo(notice);
    }

    @Test
    void appliedReportRoundTrip() {
        AppliedVersionReport report = new AppliedVersionReport("pod-1", "filter", "p", RuleKind.FILTER, 4,
                Instant.parse("2024-05-01T10:00:01.250Z"));
        String json = RuleJson.write(report);
        assertThat(json).isEqualTo("{\"instance_id\":\"pod-1\",\"stage\":\"filter\",\"pipeline\":\"p\","
                + "\"kind\":\"filter\",\"version\":4,\"applied_at\":\"2024-05-01T10:00:01.250Z\"}");
        assertThat(RuleJson.readReport(json)).isEqualTo(report);
    }

    @Test
    void readersIgnoreUnknownMembersForForwardCompatibility() {
        assertThat(RuleJson.readNotice("{\"pipeline\":\"p\",\"kind\":\"filter\",\"version\":2,\"extra\":true}"))
                .isEqualTo(new RuleChangeNotice("p", RuleKind.FILTER, 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"pipeline\":\"p\",\"kind\":\"other\",\"version\":1}",
            "{\"kind\":\"filter\",\"version\":1}", "[]"})
    void rejectsMalformedNotices(String json) {
        assertThatThrownBy(() -> RuleJson.readNotice(json)).isInstanceOf(RuleJsonException.class)
                .hasMessageStartingWith("invalid RuleChangeNotice JSON");
    }

    @Test
    void rejectsSnapshotWithoutRulesOrVersion() {
        assertThatThrownBy(() -> RuleJson.readSnapshot(
                "{\"pipeline\":\"p\",\"kind\":\"filter\",\"version\":1,\"published_at\":\"2024-05-01T10:00:00Z\"}"))
                .isInstanceOf(RuleJsonException.class).hasMessageContaining("rules");
        assertThatThrownBy(() -> RuleJson.readSnapshot(
                "{\"pipeline\":\"p\",\"kind\":\"filter\",\"version\":0,\"published_at\":\"2024-05-01T10:00:00Z\",\"rules\":{}}"))
                .isInstanceOf(RuleJsonException.class).hasMessageContaining("version must be >= 1");
    }

    @Test
    void publishScriptUsesDocumentedKeysAndArgs() {
        assertThat(PublishScript.LUA).contains("KEYS[1]", "KEYS[2]", "ARGV[1]", "ARGV[2]", "ARGV[3]", "PUBLISH");
    }
}
