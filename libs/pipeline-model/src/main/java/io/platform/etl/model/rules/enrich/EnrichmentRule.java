package io.platform.etl.model.rules.enrich;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.platform.etl.model.rules.filter.FilterCondition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Which fields to take from a source for an event: {@code {"source":"geo_location","condition":"ip_address IS NOT
 * NULL","join_key":"ip_address","select_fields":["country","city"]}}. The event's {@code join_key} value is the
 * lookup key; the selected fields are added to the event under their own names.
 *
 * @param source       name of an {@link EnrichmentSource} of the same rule set
 * @param joinKey      event field (path) whose value is looked up
 * @param selectFields fields copied from the looked-up row/response; non-empty
 * @param condition    optional precondition, see {@link EnrichmentConditions}; without one the rule applies
 *                     when the join key is present and not null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnrichmentRule(String source, String joinKey, List<String> selectFields, String condition) {

    public EnrichmentRule {
        selectFields = selectFields == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(selectFields));
    }

    /** The condition as a filter condition; empty when there is none. Throws when it does not parse. */
    @JsonIgnore
    public Optional<FilterCondition> conditionAsFilter() {
        if (condition == null || condition.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(EnrichmentConditions.parse(condition));
    }
}
