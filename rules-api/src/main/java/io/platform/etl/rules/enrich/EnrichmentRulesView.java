package io.platform.etl.rules.enrich;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.serde.annotation.Serdeable;
import io.platform.etl.rules.docs.ApiDocs;
import io.platform.etl.rules.store.RuleVersion;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.ArrayList;
import java.util.List;

/** The current enrichment sources and rules of a pipeline (both empty while nothing was written). */
@Serdeable
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "EnrichmentRulesView")
public record EnrichmentRulesView(
        String pipeline,
        @Schema(requiredMode = RequiredMode.REQUIRED,
                description = "0 while nothing was written; equals the ETag") long version,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(requiredMode = RequiredMode.NOT_REQUIRED,
                format = "date-time",
                description = "absent while nothing was written") String updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(requiredMode = RequiredMode.NOT_REQUIRED,
                description = "absent while nothing was written")
        String updatedBy,
        @ArraySchema(schema = @Schema(implementation = ApiDocs.EnrichmentSource.class)) List<JsonNode> sources,
        @ArraySchema(schema = @Schema(implementation = ApiDocs.EnrichmentRule.class)) List<JsonNode> rules) {

    /** The view of {@code version} ({@code null}: nothing written yet). */
    public static EnrichmentRulesView of(String pipeline, RuleVersion version) {
        if (version == null) {
            return new EnrichmentRulesView(pipeline, 0, null, null, List.of(), List.of());
        }
        return new EnrichmentRulesView(pipeline, version.version(), version.createdAt().toString(), version.author(),
                list(version.body().path("sources")), list(version.body().path("rules")));
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
