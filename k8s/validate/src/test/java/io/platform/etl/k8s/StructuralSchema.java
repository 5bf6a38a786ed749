package io.platform.etl.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns a CRD's openAPIV3Schema into a JSON schema that fails where the API server would silently prune: an
 * object with declared properties and no {@code x-kubernetes-preserve-unknown-fields} gets
 * {@code additionalProperties: false}, so a misspelt field is an error instead of data that vanishes. The root
 * also allows apiVersion, kind and metadata; {@code x-kubernetes-int-or-string} becomes "integer or string";
 * other Kubernetes extensions are dropped (the JSON-schema validator does not know them).
 */
final class StructuralSchema {

    private StructuralSchema() {
    }

    static ObjectNode toStrictJsonSchema(JsonNode openApiSchema) {
        ObjectNode root = convert(openApiSchema.deepCopy());
        ObjectNode props = root.has("properties") ? (ObjectNode) root.get("properties") : root.putObject("properties");
        props.putObject("apiVersion").put("type", "string");
        props.putObject("kind").put("type", "string");
        props.putObject("metadata").put("type", "object");
        if (!root.has("additionalProperties")) {
            root.put("additionalProperties", false);
        }
        return root;
    }

    private static ObjectNode convert(ObjectNode schema) {
        boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            schema.remove("type");
            ArrayNode anyOf = schema.putArray("anyOf");
            anyOf.addObject().put("type", "integer");
            anyOf.addObject().put("type", "string");
        }
        for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (name.startsWith("x-kubernetes-") || name.equals("nullable")) {
                it.remove();
            }
        }
        if (schema.get("properties") instanceof ObjectNode props) {
            for (Map.Entry<String, JsonNode> e : props.properties()) {
                convert((ObjectNode) e.getValue());
            }
            if (!preserve && !schema.has("additionalProperties")) {
                schema.put("additionalProperties", false);
            }
        }
        if (schema.get("additionalProperties") instanceof ObjectNode extra) {
            convert(extra);
        }
        if (schema.get("items") instanceof ObjectNode items) {
            convert(items);
        }
        for (String combinator : List.of("anyOf", "allOf", "oneOf")) {
            if (schema.get(combinator) instanceof ArrayNode options) {
                options.forEach(o -> convert((ObjectNode) o));
            }
        }
        return schema;
    }
}
