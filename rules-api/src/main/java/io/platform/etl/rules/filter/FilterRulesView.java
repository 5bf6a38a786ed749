package io.platform.etl.rules.filter;

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

/** The current filter rules of a pipeline (version 0, no rules: nothing written yet). */
@Serdeable
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "FilterRulesView")
public record FilterRulesView(
        String pipeline,
        @Schema(requiredMode = RequiredMode.REQUIRED,
                description = "0 while nothing was written; equals the ETag") long version,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(requiredMode = RequiredMode.NOT_REQUIRED,
                format = "date-time",
                description = "absent while nothing was written") String updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(requiredMode = RequiredMode.NOT_REQUIRED,
                description = "absent while nothing was written")
        String updatedBy,
        @ArraySchema(schema = @Schema(implementation = ApiDocs.FilterRule.class)) List<JsonNode> rules) {

    /** The view of {@code version} ({@code null}: nothing written yet). */
    public static FilterRulesView of(String pipeline, RuleVersion version) {
        if (version == null) {
            return new FilterRulesView(pipeline, 0, null, null, List.of());
        }
        List<JsonNode> rules = new ArrayList<>();
        version.body().path("rules").forEach(rules::add);
        return new FilterRulesView(pipeline, version.version(), version.createdAt().toString(), version.author(),
                rules);
    }
}
