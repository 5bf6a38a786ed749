package io.platform.etl.model.spec;

import io.platform.etl.model.json.Cursor;
import io.platform.etl.model.rules.RuleViolation;
import io.platform.etl.model.rules.dedupe.DedupeAlgorithm;
import io.platform.etl.model.rules.dedupe.DeduplicationConfig;
import io.platform.etl.model.rules.enrich.EnrichmentRuleReader;
import io.platform.etl.model.rules.enrich.EnrichmentRuleSet;
import io.platform.etl.model.rules.filter.FilterCondition;
import io.platform.etl.model.rules.filter.FilterRuleReader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads the typed {@code config} of each stage type. */
final class StageConfigReader {

    private StageConfigReader() {
    }

    static StageConfig read(StageType type, Cursor c) {
        if (c.isPresent() && !c.isObject()) {
            return null;
        }
        return switch (type) {
            case DESERIALIZE -> deserialize(c);
            case FILTER -> filter(c);
            case DEDUPLICATE -> deduplicate(c);
            case ENRICH -> enrich(c);
            case AGGREGATE -> aggregate(c);
        };
    }

    private static StageConfig.Deserialize deserialize(Cursor c) {
        c.rejectUnknown(Set.of("format", "schema_registry"));
        String format = SpecChecks.oneOf(c.field("format"), "format", Set.of("json"), "json");
        Cursor r = c.field("schema_registry");
        StageConfig.SchemaRegistry registry = null;
        if (r.isObject()) {
            r.rejectUnknown(Set.of("enabled", "url"));
            boolean enabled = SpecChecks.flag(r.field("enabled"), false);
            String url = enabled ? r.field("url").requiredText() : r.field("url").text().orElse(null);
            registry = new StageConfig.SchemaRegistry(enabled, url);
        }
        return new StageConfig.Deserialize(format, registry);
    }

    private static StageConfig.Filter filter(Cursor c) {
        c.rejectUnknown(Set.of("conditions", "dynamic_rules"));
        List<FilterCondition> conditions = FilterRuleReader.readConditions(c.field("conditions"));
        return new StageConfig.Filter(conditions, dynamicRules(c.field("dynamic_rules")));
    }

    private static StageConfig.Deduplicate deduplicate(Cursor c) {
        c.rejectUnknown(Set.of("key_fields", "time_window", "algorithm", "cleanup_interval", "false_positive_rate",
                "expected_insertions", "dynamic_rules"));
        int before = c.errorCount();
        StageConfig.Deduplicate config = new StageConfig.Deduplicate(
                SpecChecks.requiredNames(c.field("key_fields")),
                c.field("time_window").duration().orElse(DeduplicationConfig.DEFAULT_WINDOW_SIZE),
                c.field("algorithm").named("algorithm", DedupeAlgorithm::fromJson)
                        .orElse(DeduplicationConfig.DEFAULT_ALGORITHM),
                c.field("cleanup_interval").duration().orElse(null),
                c.field("false_positive_rate").doubleValue().orElse(null),
                c.field("expected_insertions").longValue().orElse(null),
                dynamicRules(c.field("dynamic_rules")));
        List<RuleViolation> renamed = new ArrayList<>();
        String windowPath = c.field("window_size").path();
        for (RuleViolation v : config.toDeduplicationConfig().validate(c.path())) {
            String field = v.field().startsWith(windowPath) ? c.field("time_window").path() : v.field();
            renamed.add(new RuleViolation(field, v.message()));
        }
        c.addUnlessReported(before, renamed);
        return config;
    }

    private static StageConfig.Enrich enrich(Cursor c) {
        c.rejectUnknown(Set.of("enrichment_sources", "rules", "dynamic_rules"));
        EnrichmentRuleSet set = EnrichmentRuleReader.readSet(c.field("enrichment_sources"), c.field("rules"));
        return new StageConfig.Enrich(set.sources(), set.rules(), dynamicRules(c.field("dynamic_rules")));
    }

    private static StageConfig.Aggregate aggregate(Cursor c) {
        c.rejectUnknown(Set.of("group_by", "aggregations", "output_mode", "late_data_handling"));
        List<String> groupBy = c.field("group_by").textList();
        List<StageConfig.Aggregation> aggregations = new ArrayList<>();
        for (Cursor a : c.field("aggregations").elements()) {
            if (a.require() && a.isObject()) {
                a.rejectUnknown(Set.of("field", "function", "alias"));
                Cursor function = a.field("function");
                aggregations.add(new StageConfig.Aggregation(a.field("field").requiredText(),
                        function.require() ? function.named("function", AggregateFunction::fromYaml).orElse(null) : null,
                        a.field("alias").requiredText()));
            }
        }
        return new StageConfig.Aggregate(groupBy == null ? StageConfig.Aggregate.DEFAULT_GROUP_BY : groupBy,
                aggregations,
                c.field("output_mode").named("output mode", OutputMode::fromYaml).orElse(OutputMode.UPDATE),
                c.field("late_data_handling").named("late data handling", LateDataHandling::fromYaml).orElse(null));
    }

    private static DynamicRules dynamicRules(Cursor c) {
        if (!c.isObject()) {
            return DynamicRules.DISABLED;
        }
        c.rejectUnknown(Set.of("enabled", "api_endpoint", "refresh_interval", "rule_store"));
        Duration refresh = SpecChecks.positive(c.field("refresh_interval"), DynamicRules.DEFAULT_REFRESH);
        return new DynamicRules(SpecChecks.flag(c.field("enabled"), false), c.field("api_endpoint").text().orElse(null),
                refresh, SpecChecks.oneOf(c.field("rule_store"), "rule store", Set.of("redis"), "redis"));
    }
}
