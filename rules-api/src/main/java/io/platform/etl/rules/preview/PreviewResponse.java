package io.platform.etl.rules.preview;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/**
 * The verdict of each sample event.
 *
 * @param version the evaluated version of the current rules; null when a draft was evaluated
 */
@Serdeable
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "PreviewResponse")
public record PreviewResponse(
        String pipeline,
        @Nullable @Schema(nullable = true, requiredMode = RequiredMode.REQUIRED,
                description = "version of the current rules evaluated (0: none written); null for a draft")
        Long version,
        int passed, int failed, List<Result> results) {

    /** One event: passed, or the first condition it failed ({@code failed_condition}, absent when passed). */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "PreviewResult")
    public record Result(
            int index,
            @Nullable @Schema(nullable = true, requiredMode = RequiredMode.REQUIRED,
                    description = "the event's event_id when it is a scalar") String eventId,
            boolean passed,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(requiredMode = RequiredMode.NOT_REQUIRED)
            Failure failedCondition) {
    }

    /** The first failed condition: its index among the rules, id, field, operator and why. */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "PreviewFailure")
    public record Failure(
            int index,
            @Nullable @Schema(nullable = true, requiredMode = RequiredMode.REQUIRED)
            String ruleId,
            String field,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = {"in", "not_in", "equals", "not_equals",
                    "not_null", "is_null", "gt", "gte",
                    "lt", "lte", "contains", "regex"}) String operator,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = {"missing_field", "null_value",
                    "type_mismatch", "not_satisfied"})
            String reason,
            String description) {
    }
}
