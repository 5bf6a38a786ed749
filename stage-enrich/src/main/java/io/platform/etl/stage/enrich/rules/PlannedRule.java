package io.platform.etl.stage.enrich.rules;

import io.platform.etl.model.event.Event;
import io.platform.etl.model.event.FieldPath;
import io.platform.etl.model.rules.filter.FilterEvaluator;
import io.platform.etl.stage.enrich.lookup.Lookup;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One compiled enrichment rule: when {@code condition} holds and the event has a value at {@code joinKey}, that value
 * is looked up with {@code lookup} and the hit's {@code fields} are added to the event (the lookup may fetch more for
 * other rules of the same source and key).
 */
public record PlannedRule(String source, FieldPath joinKey, FilterEvaluator condition, List<String> fields,
                          Lookup lookup) {

    public PlannedRule {
        fields = List.copyOf(fields);
    }

    /** The lookup key for this event, or null when the rule does not apply to it. */
    public String keyOf(Event event) {
        if (!condition.passes(event)) {
            return null;
        }
        JsonNode value = event.field(joinKey);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }
}
