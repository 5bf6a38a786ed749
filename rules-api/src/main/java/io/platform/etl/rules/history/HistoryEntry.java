package io.platform.etl.rules.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.serde.annotation.Serdeable;
import io.platform.etl.rules.docs.ApiDocs;
import io.platform.etl.rules.store.RuleVersion;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** One stored version with its author, time and diff to the previous version. */
@Serdeable
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "HistoryEntry")
public record HistoryEntry(
        long version,
        String author,
        @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String createdAt,
        @Nullable @Schema(nullable = true, requiredMode = RequiredMode.REQUIRED,
                description = "the version this one restored; null unless written by rollback") Long rollbackOf,
        @Schema(requiredMode = RequiredMode.REQUIRED, ref = ApiDocs.JSON_OBJECT,
                description = "filter: rules.added/removed/changed rule ids; enrichment: source "
                + "names and source/join_key rules; deduplication: changed config fields")
        JsonNode diff,
        @Schema(requiredMode = RequiredMode.REQUIRED, ref = ApiDocs.JSON_OBJECT,
                description = "the stored rule set: filter {rules}, deduplication the config, "
                + "enrichment {sources, rules}")
        JsonNode rules) {

    static HistoryEntry of(RuleVersion v) {
        return new HistoryEntry(v.version(), v.author(), v.createdAt().toString(), v.rollbackOf(), v.diff(),
                v.body());
    }
}
