package io.platform.etl.rules.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.platform.etl.model.rules.enrich.EnrichmentRuleSet;
import io.platform.etl.model.rules.publish.RuleJson;
import io.platform.etl.model.rules.publish.RuleKind;
import io.platform.etl.rules.store.RuleVersion;

/**
 * The current state of one rule set as returned by reads and writes: {@code pipeline}, {@code version}
 * (0 = nothing written yet), {@code updated_at}, {@code updated_by}, then the kind's payload members (filter
 * {@code rules}; deduplication {@code config}; enrichment {@code sources} and {@code rules}).
 */
public final class RuleSetView {

    private RuleSetView() {
    }

    /** The view of the kind's current version ({@code null}: nothing written yet). */
    public static ObjectNode of(String pipeline, RuleKind kind, RuleVersion version) {
        ObjectNode view = JsonNodeFactory.instance.objectNode();
        view.put("pipeline", pipeline);
        view.put("version", version == null ? 0 : version.version());
        if (version != null) {
            view.put("updated_at", version.createdAt().toString());
            view.put("updated_by", version.author());
        }
        JsonNode body = version == null ? null : version.body();
        switch (kind) {
            case FILTER -> view.set("rules", body == null ? JsonNodeFactory.instance.arrayNode() : body.path("rules"));
            case DEDUPLICATION -> view.set("config", body == null ? JsonNodeFactory.instance.nullNode() : body);
            case ENRICHMENT -> {
                JsonNode set = body == null ? RuleJson.toTree(EnrichmentRuleSet.EMPTY) : body;
                view.set("sources", set.path("sources"));
                view.set("rules", set.path("rules"));
            }
        }
        return view;
    }

    public static MutableHttpResponse<String> response(HttpStatus status, String pipeline, RuleKind kind,
                                                       RuleVersion version) {
        return JsonResponses.versioned(status, of(pipeline, kind, version), version == null ? 0 : version.version());
    }
}
