package io.platform.etl.rules.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpStatus;
import io.platform.etl.model.rules.RuleViolation;
import io.platform.etl.model.rules.publish.RuleJson;
import io.platform.etl.rules.problem.ProblemException;
import java.util.List;

/** Parses raw request bodies so that malformed JSON is a 400 problem and field errors keep their paths. */
public final class JsonBodies {

    private static final ObjectReader STRICT_READER =
            RuleJson.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonBodies() {
    }

    /** The body as a JSON object, or a 400 problem (422 when it holds what storage cannot: {@link StorableJson}). */
    public static ObjectNode object(String body) {
        if (body == null || body.isBlank()) {
            throw ProblemException.of(HttpStatus.BAD_REQUEST, "malformed-json", "request body is required");
        }
        JsonNode node;
        try {
            node = STRICT_READER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ProblemException.of(HttpStatus.BAD_REQUEST, "malformed-json",
                    "body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ProblemException.of(HttpStatus.BAD_REQUEST, "malformed-json", "body must be a JSON object");
        }
        List<RuleViolation> unstorable = StorableJson.violations(node);
        if (!unstorable.isEmpty()) {
            throw ProblemException.invalid(unstorable);
        }
        return (ObjectNode) node;
    }

    /** Prefixes violation paths read from a nested member ({@code source} + {@code name} = {@code source.name}). */
    public static List<RuleViolation> prefixed(String prefix, List<RuleViolation> violations) {
        return violations.stream().map(v -> new RuleViolation(join(prefix, v.field()), v.message())).toList();
    }

    public static String join(String prefix, String field) {
        if (field == null || field.isEmpty()) {
            return prefix;
        }
        return field.startsWith("[") || field.startsWith(".") ? prefix + field : prefix + "." + field;
    }
}
