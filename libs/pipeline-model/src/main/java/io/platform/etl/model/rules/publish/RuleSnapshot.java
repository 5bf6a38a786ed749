package io.platform.etl.model.rules.publish;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.platform.etl.model.rules.dedupe.DeduplicationConfig;
import io.platform.etl.model.rules.dedupe.DeduplicationConfigReader;
import io.platform.etl.model.rules.enrich.EnrichmentRuleReader;
import io.platform.etl.model.rules.enrich.EnrichmentRuleSet;
import io.platform.etl.model.rules.filter.FilterRuleReader;
import io.platform.etl.model.rules.filter.FilterRuleSet;

import java.time.Instant;
import java.util.Objects;

/**
 * The full, committed rule set of one (pipeline, kind) at one version, stored as JSON under
 * {@link RuleKeys#snapshotKey}: {@code {"pipeline":"advanced-streaming-pipeline","kind":"filter","version":7,
 * "published_at":"2024-05-01T10:00:00Z","rules":{"rules":[...]}}}. {@code rules} is the kind's rule-set JSON
 * (see {@link RuleKind}); decode it with the typed helpers.
 *
 * @param pipeline    pipeline name ({@code metadata.name} of the spec)
 * @param kind        which rules
 * @param version     version of the rule set in the rules database, increasing per (pipeline, kind), from 1
 * @param publishedAt when the version was committed
 * @param rules       the payload
 */
public record RuleSnapshot(String pipeline, RuleKind kind, long version,
                           @JsonProperty("published_at") Instant publishedAt, JsonNode rules) {

    public RuleSnapshot {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(publishedAt, "published_at");
        Objects.requireNonNull(rules, "rules");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, was " + version);
        }
    }

    public static RuleSnapshot ofFilter(String pipeline, long version, Instant publishedAt, FilterRuleSet rules) {
        return new RuleSnapshot(pipeline, RuleKind.FILTER, version, publishedAt, RuleJson.toTree(rules));
    }

    public static RuleSnapshot ofDeduplication(String pipeline, long version, Instant publishedAt,
                                               DeduplicationConfig config) {
        return new RuleSnapshot(pipeline, RuleKind.DEDUPLICATION, version, publishedAt, RuleJson.toTree(config));
    }

    public static RuleSnapshot ofEnrichment(String pipeline, long version, Instant publishedAt,
                                            EnrichmentRuleSet rules) {
        return new RuleSnapshot(pipeline, RuleKind.ENRICHMENT, version, publishedAt, RuleJson.toTree(rules));
    }

    /**
     * The filter rules.
     *
     * @throws IllegalStateException when this is not a filter snapshot
     * @throws io.platform.etl.model.rules.RuleValidationException when the payload is invalid
     */
    public FilterRuleSet filterRules() {
        expect(RuleKind.FILTER);
        return FilterRuleReader.read(rules).orElseThrow();
    }

    /** The deduplication config; exceptions as {@link #filterRules()}. */
    public DeduplicationConfig deduplicationConfig() {
        expect(RuleKind.DEDUPLICATION);
        return DeduplicationConfigReader.read(rules).orElseThrow();
    }

    /** The enrichment rules; exceptions as {@link #filterRules()}. */
    public EnrichmentRuleSet enrichmentRules() {
        expect(RuleKind.ENRICHMENT);
        return EnrichmentRuleReader.read(rules).orElseThrow();
    }

    /** The notice announcing this snapshot. */
    public RuleChangeNotice notice() {
        return new RuleChangeNotice(pipeline, kind, version);
    }

    private void expect(RuleKind expected) {
        if (kind != expected) {
            throw new IllegalStateException("snapshot of " + pipeline + " holds " + kind + " rules, not " + expected);
        }
    }
}
