package io.platform.etl.stage.enrich.enrich;

import io.platform.etl.model.event.Event;
import java.util.Map;

/**
 * The result for one input event.
 *
 * @param event    the event with the looked-up fields added (the input itself when nothing was added)
 * @param added    whether any field was added
 * @param outcomes per source that applied to the event: {@code hit}, {@code miss} or {@code failed}, in rule order
 */
public record EnrichedEvent(Event event, boolean added, Map<String, String> outcomes) {

    public EnrichedEvent {
        outcomes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outcomes));
    }
}
