package io.platform.etl.rules.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.platform.etl.rules.store.RuleVersion;
import java.util.function.Function;

/**
 * The current state of one rule set as returned by reads and writes: {@code pipeline}, {@code version}
 * (0 = nothing written yet), {@code updated_at}, {@code updated_by}, then the kind's payload members (filter
 * {@code rules}; deduplication {@code config}; enrichment {@code sources} and {@code rules}).
 */
public final class RuleSetView {

    private RuleSetView() {
    }

    public static ObjectNode of(String pipeline, RuleVersion version, Function<JsonNode, ObjectNode> payload) {
        ObjectNode view = JsonNodeFactory.instance.objectNode();
        view.put("pipeline", pipeline);
        view.put("version", version == null ? 0 : version.version());
        if (version != null) {
            view.put("updated_at", version.createdAt().toString());
            view.put("updated_by", version.author());
        }
        view.setAll(payload.apply(version == null ? null : version.body()));
        return view;
    }

    public static MutableHttpResponse<String> response(HttpStatus status, String pipeline, RuleVersion version,
                                                       Function<JsonNode, ObjectNode> payload) {
        return JsonResponses.versioned(status, of(pipeline, version, payload), version == null ? 0 : version.version());
    }
}
