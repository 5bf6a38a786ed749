package io.platform.etl.rules.docs;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * Shapes of request and response bodies for the OpenAPI document only. Bodies are read from raw JSON with
 * pipeline-model's readers (so every error is reported by path) and written with its snake_case mapper; these
 * records mirror that JSON (component names are the JSON names).
 */
@SuppressWarnings("checkstyle:RecordComponentName")
public final class ApiDocs {

    private ApiDocs() {
    }

    @Schema(name = "FilterRule", description = "One filter condition; value for single-operand operators, values "
            + "for in/not_in")
    public record FilterRule(String id, String field,
                             @Schema(allowableValues = {"in", "not_in", "equals", "not_equals", "not_null", "is_null",
                                     "gt", "gte", "lt", "lte", "contains", "regex"}) String operator,
                             Object value, List<Object> values, Boolean enabled) {
    }

    @Schema(name = "FilterRulesRequest")
    public record FilterRulesRequest(String pipeline, List<FilterRule> rules) {
    }

    @Schema(name = "FilterRulesView")
    public record FilterRulesView(String pipeline, long version, String updated_at, String updated_by,
                                  List<FilterRule> rules) {
    }

    @Schema(name = "DeduplicationConfig", description = "Durations like \"2h\", \"30m\", \"300s\"")
    public record DeduplicationConfig(String window_size, List<String> key_fields,
                                      @Schema(allowableValues = {"exact", "bloom_filter", "probabilistic"})
                                      String algorithm, String cleanup_interval, Double false_positive_rate,
                                      Long expected_insertions) {
    }

    @Schema(name = "DeduplicationRulesRequest")
    public record DeduplicationRulesRequest(String pipeline, DeduplicationConfig config) {
    }

    @Schema(name = "DeduplicationRulesView", description = "config is null while nothing was written")
    public record DeduplicationRulesView(String pipeline, long version, String updated_at, String updated_by,
                                         DeduplicationConfig config) {
    }

    @Schema(name = "JoinRule")
    public record JoinRule(String join_key, List<String> select_fields, String condition) {
    }

    @Schema(name = "EnrichmentSource", description = "database sources take a connection URL without "
            + "credentials (use credentials_secret); api sources an endpoint whose host is allow-listed")
    public record EnrichmentSource(String name, @Schema(allowableValues = {"database", "api"}) String type,
                                   String connection, String endpoint, String cache_ttl, String timeout,
                                   Integer retry_count, List<JoinRule> join_rules, String credentials_secret) {
    }

    @Schema(name = "EnrichmentRule")
    public record EnrichmentRule(String source, String join_key, List<String> select_fields, String condition) {
    }

    @Schema(name = "EnrichmentSourceRequest")
    public record EnrichmentSourceRequest(String pipeline, EnrichmentSource source) {
    }

    @Schema(name = "EnrichmentRulesRequest", description = "Replaces the rules; sources too when given")
    public record EnrichmentRulesRequest(String pipeline, List<EnrichmentRule> rules, List<EnrichmentSource> sources) {
    }

    @Schema(name = "EnrichmentRulesView")
    public record EnrichmentRulesView(String pipeline, long version, String updated_at, String updated_by,
                                      List<EnrichmentSource> sources, List<EnrichmentRule> rules) {
    }

    @Schema(name = "RollbackRequest")
    public record RollbackRequest(String pipeline, long version) {
    }

    @Schema(name = "HistoryEntry", description = "diff lists added/removed/changed rule ids (filter), source "
            + "names and source/join_key rules (enrichment), config fields (deduplication)")
    public record HistoryEntry(long version, String author, String created_at, Long rollback_of,
                               Map<String, Object> diff, Map<String, Object> rules) {
    }

    @Schema(name = "HistoryPage")
    public record HistoryPage(String pipeline, String kind, int page, int size, long total,
                              List<HistoryEntry> versions) {
    }

    @Schema(name = "PreviewRequest", description = "rules absent = the pipeline's current filter rules")
    public record PreviewRequest(String pipeline, List<FilterRule> rules, List<Map<String, Object>> events) {
    }

    @Schema(name = "PreviewFailure")
    public record PreviewFailure(int index, String rule_id, String field, String operator,
                                 @Schema(allowableValues = {"missing_field", "null_value", "type_mismatch",
                                         "not_satisfied"}) String reason, String description) {
    }

    @Schema(name = "PreviewResult")
    public record PreviewResult(int index, String event_id, boolean passed, PreviewFailure failed_condition) {
    }

    @Schema(name = "PreviewResponse", description = "version null when a draft was evaluated")
    public record PreviewResponse(String pipeline, Long version, int passed, int failed, List<PreviewResult> results) {
    }

    @Schema(name = "AppliedVersion")
    public record AppliedVersion(String instance_id, String stage, long version, String applied_at) {
    }

    @Schema(name = "KindStatus")
    public record KindStatus(String kind, long database_version, Long redis_version, String redis_error,
                             List<AppliedVersion> applied) {
    }

    @Schema(name = "PipelineStatus")
    public record PipelineStatus(String pipeline, List<KindStatus> kinds) {
    }
}
