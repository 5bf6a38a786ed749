package io.platform.etl.rules.docs;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/**
 * Shapes of request bodies and of the rules inside requests and responses, for the OpenAPI document only.
 * Requests are read from raw JSON with pipeline-model's readers, so that every error is reported with its path
 * (ADR 0201), and rules are stored and returned in their canonical JSON; these records mirror that JSON. Response
 * envelopes are the controllers' real return types ({@code FilterRulesView}, {@code HistoryPage}, ...).
 */
@SuppressWarnings("checkstyle:RecordComponentName")
public final class ApiDocs {

    /** Any JSON value (an empty schema), from src/main/openapi/components.yml. */
    public static final String JSON_VALUE = "#/components/schemas/JsonValue";
    /** Any JSON object, from src/main/openapi/components.yml. */
    public static final String JSON_OBJECT = "#/components/schemas/JsonObject";

    private ApiDocs() {
    }

    @Schema(name = "FilterRule", description = "One filter condition: value for single-operand operators, values "
            + "for in/not_in, neither for not_null/is_null (ADR 0005). regex values are RE2 syntax (ADR 0206).")
    public record FilterRule(
            @Schema(requiredMode = RequiredMode.NOT_REQUIRED, nullable = true, description = "rule id, unique in the "
                    + "set") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED,
                    description = "field path, dotted for nested objects (geo.country)") String field,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = {"in", "not_in", "equals", "not_equals",
                    "not_null", "is_null", "gt", "gte",
                    "lt", "lte", "contains", "regex"}) String operator,
            @Schema(requiredMode = RequiredMode.NOT_REQUIRED, ref = JSON_VALUE,
                    description = "any JSON value except null; a number or ISO-8601 instant for gt/gte/lt/lte, "
                            + "a string for regex") JsonNode value,
            @Schema(requiredMode = RequiredMode.NOT_REQUIRED, type = "array", nullable = true, description = "any "
                    + "JSON values, null included; absent or null unless the operator is in/not_in")
            @ArraySchema(schema = @Schema(ref = JSON_VALUE)) List<Object> values,
            @Schema(requiredMode = RequiredMode.NOT_REQUIRED, nullable = true, defaultValue = "true") Boolean enabled) {
    }

    @Schema(name = "FilterRulesRequest")
    public record FilterRulesRequest(String pipeline, List<FilterRule> rules) {
    }

    // nullable here, not only on DeduplicationRulesView.config: OpenAPI 3.0 cannot make a $ref nullable (the
    // generator's allOf wrapper rejects null); a request with config null is still a 422 (config: required).
    @Schema(name = "DeduplicationConfig", nullable = true, description = "Durations like \"2h\", \"30m\", "
            + "\"300s\"")
    public record DeduplicationConfig(
            @Schema(requiredMode = RequiredMode.NOT_REQUIRED, nullable = true, defaultValue = "1h") String window_size,
            List<String> key_fields,
            @Schema(requiredMode = RequiredMode.NOT_REQUIRED, nullable = true, defaultValue = "exact",
                    allowableValues = {"exact", "bloom_filter", "probabilistic"}) String algorithm,
            @Schema(requiredMode = RequiredMode.NOT_REQUIRED, nullable = true) String cleanup_interval,
            @Schema(requiredMode = RequiredMode.NOT_REQUIRED, nullable = true,
                    description = "bloom_filter/probabilistic only") Double false_positive_rate,
            @Schema(requiredMode = RequiredMode.NOT_REQUIRED, nullable = true,
                    description = "bloom_filter/probabilistic only") Long expected_insertions) {
    }

    @Schema(name = "DeduplicationRulesRequest")
    public record DeduplicationRulesRequest(String pipeline, DeduplicationConfig config) {
    }

    @Schema(name = "JoinRule")
    public record JoinRule(String join_key, List<String> select_fields,
                           @Schema(requiredMode = RequiredMode.NOT_REQUIRED, nullable = true) String condition) {
    }

    @Schema(name = "EnrichmentSource", description = "database sources take a connection URL without "
            + "credentials (use credentials_secret); api sources an endpoint whose host is allow-listed")
    public record EnrichmentSource(
            @Schema(requiredMode = RequiredMode.NOT_REQUIRED, description = "unique in the pipeline; required except "
                    + "in PUT /sources/{name}, where it defaults to the path's (always present in responses)")
            String name,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = {"database", "api"}) String type,
            @Schema(requiredMode = RequiredMode.NOT_REQUIRED, nullable = true, description = "database sources")
            String connection,
            @Schema(requiredMode = RequiredMode.NOT_REQUIRED, nullable = true, description = "api sources")
            String endpoint,
            @Schema(requiredMode = RequiredMode.NOT_REQUIRED, nullable = true) String cache_ttl,
            @Schema(requiredMode = RequiredMode.NOT_REQUIRED, nullable = true) String timeout,
            @Schema(requiredMode = RequiredMode.NOT_REQUIRED, nullable = true) Integer retry_count,
            @Schema(requiredMode = RequiredMode.NOT_REQUIRED, type = "array", nullable = true) @ArraySchema(schema =
                    @Schema(implementation = JoinRule.class)) List<JoinRule> join_rules,
            @Schema(requiredMode = RequiredMode.NOT_REQUIRED, nullable = true) String credentials_secret) {
    }

    @Schema(name = "EnrichmentRule")
    public record EnrichmentRule(String source, String join_key, List<String> select_fields,
                                 @Schema(requiredMode = RequiredMode.NOT_REQUIRED, nullable = true) String condition) {
    }

    @Schema(name = "EnrichmentSourceRequest")
    public record EnrichmentSourceRequest(String pipeline, EnrichmentSource source) {
    }

    @Schema(name = "EnrichmentSourceReplacement", description = "source.name may be left out (it is the path's)")
    public record EnrichmentSourceReplacement(
            @Schema(requiredMode = RequiredMode.NOT_REQUIRED, description = "must equal the query parameter")
            String pipeline,
            EnrichmentSource source) {
    }

    @Schema(name = "EnrichmentRulesRequest", description = "Replaces the rules; sources too when given")
    public record EnrichmentRulesRequest(
            String pipeline,
            List<EnrichmentRule> rules,
            @Schema(requiredMode = RequiredMode.NOT_REQUIRED, type = "array", nullable = true,
                    description = "absent or null: the sources stay as they are") @ArraySchema(schema = @Schema(
                    implementation = EnrichmentSource.class)) List<EnrichmentSource> sources) {
    }

    @Schema(name = "RollbackRequest")
    public record RollbackRequest(String pipeline,
                                  @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "1") long version) {
    }

    @Schema(name = "PreviewRequest", description = "rules absent or null = the pipeline's current filter rules")
    public record PreviewRequest(
            String pipeline,
            @Nullable @ArraySchema(arraySchema = @Schema(requiredMode = RequiredMode.NOT_REQUIRED, nullable = true))
            List<FilterRule> rules,
            @ArraySchema(maxItems = 1000, arraySchema = @Schema(description = "sample events (JSON objects)"),
                    schema = @Schema(ref = JSON_OBJECT)) List<Object> events) {
    }
}
