package io.platform.etl.model.rules.enrich;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A join declared inside a source (the {@code POST /enrichment-rules/sources} body, docs/design.md#rules-api):
 * {@code {"join_key":"product_id","select_fields":["category","price"]}}; optional {@code condition}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JoinRule(String joinKey, List<String> selectFields, String condition) {

    public JoinRule {
        selectFields = selectFields == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(selectFields));
    }
}
