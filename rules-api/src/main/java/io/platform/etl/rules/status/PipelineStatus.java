package io.platform.etl.rules.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/** Where each rule kind of a pipeline stands: database, Redis, stage instances. */
@Serdeable
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "PipelineStatus")
public record PipelineStatus(String pipeline, List<KindStatus> kinds) {

    /** One rule kind; Redis trouble is reported in {@code redis_error}, not as 5xx. */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "KindStatus")
    public record KindStatus(
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = {"filter", "deduplication",
                    "enrichment"}) String kind,
            long databaseVersion,
            @Nullable @Schema(nullable = true,
                    requiredMode = RequiredMode.REQUIRED, description = "null: no snapshot in Redis (or "
                    + "Redis unreachable)") Long redisVersion,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(requiredMode = RequiredMode.NOT_REQUIRED,
                    description = "present when Redis failed")
            String redisError,
            List<AppliedVersion> applied) {
    }

    /** What one stage instance reports having applied; an unreadable report is shown as {@code invalid_report}. */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "AppliedVersion", description = "either instance_id, stage, version, applied_at or, for a report "
            + "that cannot be read, invalid_report (its first 200 characters)")
    public record AppliedVersion(
            @Schema(requiredMode = RequiredMode.NOT_REQUIRED) String instanceId,
            @Schema(requiredMode = RequiredMode.NOT_REQUIRED) String stage,
            @Schema(requiredMode = RequiredMode.NOT_REQUIRED) Long version,
            @Schema(requiredMode = RequiredMode.NOT_REQUIRED) String appliedAt,
            @Schema(requiredMode = RequiredMode.NOT_REQUIRED)
            String invalidReport) {
    }
}
