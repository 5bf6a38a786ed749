package io.platform.etl.rules.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpStatus;
import io.platform.etl.model.rules.RuleViolation;
import io.platform.etl.model.rules.enrich.EnrichmentRuleReader;
import io.platform.etl.model.rules.enrich.EnrichmentRuleSet;
import io.platform.etl.model.rules.publish.RuleJson;
import io.platform.etl.rules.problem.ProblemException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/** Edits of an enrichment rule set (as canonical JSON), validated as a whole after the edit. */
@Singleton
public class EnrichmentChanges {

    private final ApiHostAllowlist allowlist;

    public EnrichmentChanges(ApiHostAllowlist allowlist) {
        this.allowlist = allowlist;
    }

    public JsonNode addSource(JsonNode current, JsonNode source) {
        ObjectNode set = copy(current);
        String name = source.path("name").asText();
        if (indexOf(set, name) >= 0) {
            throw ProblemException.of(HttpStatus.CONFLICT, "source-exists", "source \"" + name
                    + "\" already exists; use PUT /api/v1/enrichment-rules/sources/" + name);
        }
        ((ArrayNode) set.get("sources")).add(source);
        return validated(set);
    }

    public JsonNode replaceSource(JsonNode current, String name, JsonNode source) {
        ObjectNode set = copy(current);
        int index = existing(set, name);
        ((ArrayNode) set.get("sources")).set(index, source);
        return validated(set);
    }

    public JsonNode removeSource(JsonNode current, String name) {
        ObjectNode set = copy(current);
        ((ArrayNode) set.get("sources")).remove(existing(set, name));
        return validated(set);
    }

    /** Replaces the rules, and the sources when {@code sources} is not null. */
    public JsonNode replaceRules(JsonNode current, JsonNode rules, JsonNode sources) {
        ObjectNode set = copy(current);
        set.set("rules", rules.deepCopy());
        if (sources != null) {
            set.set("sources", sources.deepCopy());
        }
        return validated(set);
    }

    /** Reads and validates a whole set, reporting every violation; returns its canonical JSON. */
    public JsonNode validated(JsonNode set) {
        var decoded = EnrichmentRuleReader.read(set);
        List<RuleViolation> errors = new ArrayList<>(decoded.violations());
        if (decoded.value() != null) {
            errors.addAll(allowlist.checkAll(decoded.value().sources()));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return RuleJson.toTree(decoded.value());
    }

    private static int existing(ObjectNode set, String name) {
        int index = indexOf(set, name);
        if (index < 0) {
            throw sourceNotFound(name);
        }
        return index;
    }

    static ProblemException sourceNotFound(String name) {
        return ProblemException.of(HttpStatus.NOT_FOUND, "source-not-found", "no source \"" + name + "\"");
    }

    private static int indexOf(ObjectNode set, String name) {
        JsonNode sources = set.get("sources");
        for (int i = 0; i < sources.size(); i++) {
            if (name.equals(sources.get(i).path("name").asText())) {
                return i;
            }
        }
        return -1;
    }

    private static ObjectNode copy(JsonNode current) {
        ObjectNode set = current == null ? (ObjectNode) RuleJson.toTree(EnrichmentRuleSet.EMPTY)
                : (ObjectNode) current.deepCopy();
        if (!set.path("sources").isArray()) {
            set.set("sources", JsonNodeFactory.instance.arrayNode());
        }
        if (!set.path("rules").isArray()) {
            set.set("rules", JsonNodeFactory.instance.arrayNode());
        }
        return set;
    }
}
