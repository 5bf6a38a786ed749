package io.platform.etl.model.spec;

import io.platform.etl.model.rules.dedupe.DedupeAlgorithm;
import io.platform.etl.model.rules.dedupe.DeduplicationConfig;
import io.platform.etl.model.rules.enrich.EnrichmentRule;
import io.platform.etl.model.rules.enrich.EnrichmentRuleSet;
import io.platform.etl.model.rules.enrich.EnrichmentSource;
import io.platform.etl.model.rules.filter.FilterCondition;
import io.platform.etl.model.rules.filter.FilterRuleSet;

import java.time.Duration;
import java.util.List;

/** The typed {@code config} of a stage, one record per {@link StageType}. */
public sealed interface StageConfig {

    /** {@code deserialize}: input format (json) and optional schema registry. */
    record Deserialize(String format, SchemaRegistry schemaRegistry) implements StageConfig {
    }

    /** {@code schema_registry}; null url when disabled. */
    record SchemaRegistry(boolean enabled, String url) {
    }

    /** {@code filter}: static conditions (ANDed, before dynamic ones). */
    record Filter(List<FilterCondition> conditions, DynamicRules dynamicRules) implements StageConfig {
        public Filter {
            conditions = List.copyOf(conditions);
        }

        /** The static conditions as a rule set. */
        public FilterRuleSet ruleSet() {
            return new FilterRuleSet(conditions);
        }
    }

    /**
     * {@code deduplicate}: {@code key_fields}, {@code time_window} (default 1h), {@code algorithm} (default exact);
     * optional additions {@code cleanup_interval}, {@code false_positive_rate}, {@code expected_insertions}.
     */
    record Deduplicate(List<String> keyFields, Duration timeWindow, DedupeAlgorithm algorithm, Duration cleanupInterval,
                       Double falsePositiveRate, Long expectedInsertions, DynamicRules dynamicRules)
            implements StageConfig {
        public Deduplicate {
            keyFields = List.copyOf(keyFields);
        }

        /** The static settings in the rules API's shape (defaults filled in). */
        public DeduplicationConfig toDeduplicationConfig() {
            return new DeduplicationConfig(timeWindow, keyFields, algorithm, cleanupInterval, falsePositiveRate,
                    expectedInsertions);
        }
    }

    /** {@code enrich}: static sources and rules. */
    record Enrich(List<EnrichmentSource> enrichmentSources, List<EnrichmentRule> rules, DynamicRules dynamicRules)
            implements StageConfig {
        public Enrich {
            enrichmentSources = List.copyOf(enrichmentSources);
            rules = List.copyOf(rules);
        }

        /** The static sources and rules as a rule set. */
        public EnrichmentRuleSet ruleSet() {
            return new EnrichmentRuleSet(enrichmentSources, rules);
        }
    }

    /**
     * {@code aggregate}: {@code group_by} (default user_id, event_type, region), aggregations, output mode (default
     * update) and optional {@code late_data_handling} (an addition; null = {@code spec.config.late_data_handling}).
     */
    record Aggregate(List<String> groupBy, List<Aggregation> aggregations, OutputMode outputMode,
                     LateDataHandling lateDataHandling) implements StageConfig {
        public static final List<String> DEFAULT_GROUP_BY = List.of("user_id", "event_type", "region");

        public Aggregate {
            groupBy = List.copyOf(groupBy);
            aggregations = List.copyOf(aggregations);
        }
    }

    /** One {@code aggregations[]} entry: {@code {field: amount, function: sum, alias: total_amount}}. */
    record Aggregation(String field, AggregateFunction function, String alias) {
    }
}
