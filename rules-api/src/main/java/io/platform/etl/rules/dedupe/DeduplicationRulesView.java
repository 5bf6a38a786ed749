package io.platform.etl.rules.dedupe;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.serde.annotation.Serdeable;
import io.platform.etl.rules.store.RuleVersion;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** The current deduplication config of a pipeline ({@code config} null while nothing was written). */
@Serdeable
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "DeduplicationRulesView")
public record DeduplicationRulesView(
        String pipeline,
        @Schema(requiredMode = RequiredMode.REQUIRED,
                description = "0 while nothing was written; equals the ETag") long version,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(requiredMode = RequiredMode.NOT_REQUIRED,
                format = "date-time",
                description = "absent while nothing was written") String updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(requiredMode = RequiredMode.NOT_REQUIRED,
                description = "absent while nothing was written")
        String updatedBy,
        @Nullable @Schema(ref = "#/components/schemas/DeduplicationConfig", nullable = true,
                requiredMode = RequiredMode.REQUIRED, description = "null while nothing was written")
        JsonNode config) {

    /** The view of {@code version} ({@code null}: nothing written yet). */
    public static DeduplicationRulesView of(String pipeline, RuleVersion version) {
        if (version == null) {
            return new DeduplicationRulesView(pipeline, 0, null, null, null);
        }
        return new DeduplicationRulesView(pipeline, version.version(), version.createdAt().toString(),
                version.author(), version.body());
    }
}
