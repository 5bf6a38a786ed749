package io.platform.etl.rules.history;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/** One page of a rule set's versions, newest first. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "HistoryPage")
public record HistoryPage(String pipeline,
                          @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = {"filter-rules",
                                  "deduplication-rules", "enrichment-rules"})
                          String kind,
                          int page, int size,
                          @Schema(requiredMode = RequiredMode.REQUIRED,
                                  description = "number of versions in all pages") long total,
                          List<HistoryEntry> versions) {
}
