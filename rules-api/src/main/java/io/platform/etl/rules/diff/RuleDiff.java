package io.platform.etl.rules.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platform.etl.model.rules.publish.RuleKind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Structured difference between two versions of a rule set:
 * <ul>
 *   <li>filter: {@code {"rules":{"added":[id],"removed":[id],"changed":[{"id","fields":[...]}]}}} keyed by rule
 *       id ({@code #index} for rules without id)</li>
 *   <li>deduplication: {@code {"config":{"added":[field],"removed":[field],"changed":[field]}}}</li>
 *   <li>enrichment: {@code {"sources":{...}, "rules":{...}}} keyed by source name and
 *       {@code source/join_key}</li>
 * </ul>
 */
public final class RuleDiff {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private RuleDiff() {
    }

    /** The diff from {@code previous} (null for the first version) to {@code next}. */
    public static ObjectNode between(RuleKind kind, JsonNode previous, JsonNode next) {
        JsonNode before = previous == null ? MissingNode.getInstance() : previous;
        ObjectNode diff = JSON.objectNode();
        switch (kind) {
            case FILTER -> diff.set("rules", list(before.path("rules"), next.path("rules"),
                    (rule, index) -> rule.hasNonNull("id") ? rule.get("id").asText() : "#" + index));
            case DEDUPLICATION -> diff.set("config", fields(before, next));
            case ENRICHMENT -> {
                diff.set("sources", list(before.path("sources"), next.path("sources"),
                        (source, index) -> source.path("name").asText("#" + index)));
                diff.set("rules", list(before.path("rules"), next.path("rules"),
                        (rule, index) -> rule.path("source").asText() + "/" + rule.path("join_key").asText()));
            }
        }
        return diff;
    }

    private static ObjectNode list(JsonNode before, JsonNode after, BiFunction<JsonNode, Integer, String> key) {
        Map<String, JsonNode> old = index(before, key);
        Map<String, JsonNode> now = index(after, key);
        ArrayNode added = JSON.arrayNode();
        ArrayNode removed = JSON.arrayNode();
        ArrayNode changed = JSON.arrayNode();
        now.forEach((id, node) -> {
            JsonNode was = old.get(id);
            if (was == null) {
                added.add(id);
            } else if (!was.equals(node)) {
                ObjectNode change = changed.addObject();
                change.put("id", id);
                ArrayNode fields = change.putArray("fields");
                changedFields(was, node).forEach(fields::add);
            }
        });
        old.keySet().stream().filter(id -> !now.containsKey(id)).forEach(removed::add);
        ObjectNode section = JSON.objectNode();
        section.set("added", added);
        section.set("removed", removed);
        section.set("changed", changed);
        return section;
    }

    private static ObjectNode fields(JsonNode before, JsonNode after) {
        ArrayNode added = JSON.arrayNode();
        ArrayNode removed = JSON.arrayNode();
        ArrayNode changed = JSON.arrayNode();
        for (String name : names(before, after)) {
            boolean had = before.has(name);
            boolean has = after.has(name);
            if (had && !has) {
                removed.add(name);
            } else if (!had && has) {
                added.add(name);
            } else if (!before.get(name).equals(after.get(name))) {
                changed.add(name);
            }
        }
        ObjectNode section = JSON.objectNode();
        section.set("added", added);
        section.set("removed", removed);
        section.set("changed", changed);
        return section;
    }

    private static List<String> changedFields(JsonNode was, JsonNode now) {
        List<String> out = new ArrayList<>();
        for (String name : names(was, now)) {
            if (!was.path(name).equals(now.path(name))) {
                out.add(name);
            }
        }
        return out;
    }

    private static TreeSet<String> names(JsonNode a, JsonNode b) {
        TreeSet<String> names = new TreeSet<>();
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Map<String, JsonNode> index(JsonNode list, BiFunction<JsonNode, Integer, String> key) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        Iterator<JsonNode> it = list.elements();
        int i = 0;
        while (it.hasNext()) {
            JsonNode node = it.next();
            String id = key.apply(node, i++);
            out.putIfAbsent(out.containsKey(id) ? id + "#" + i : id, node);
        }
        return out;
    }
}
