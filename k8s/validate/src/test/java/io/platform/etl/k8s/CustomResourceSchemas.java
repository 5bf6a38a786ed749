package io.platform.etl.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON schemas of the custom resources the manifests use, keyed by apiVersion and kind: the subsets of the
 * Strimzi and Prometheus Operator CRDs shipped under {@code schemas/}, and every CustomResourceDefinition found
 * in the manifests themselves (the StreamingPipeline CRD), read from its openAPIV3Schema. See
 * {@link StructuralSchema} for how an OpenAPI schema becomes a strict JSON schema.
 */
final class CustomResourceSchemas {

    static final List<String> SHIPPED = List.of("kafkatopic.kafka.strimzi.io.yaml",
            "servicemonitor.monitoring.coreos.com.yaml", "prometheusrule.monitoring.coreos.com.yaml",
            "scaledobject.keda.sh.yaml");

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    private final Map<String, JsonSchema> schemas = new HashMap<>();

    static CustomResourceSchemas load(List<Path> crdFiles) {
        CustomResourceSchemas s = new CustomResourceSchemas();
        for (String name : SHIPPED) {
            try (InputStream in = CustomResourceSchemas.class.getResourceAsStream("/schemas/" + name)) {
                JsonNode doc = YamlDocuments.YAML.readTree(in);
                s.add(doc.path("apiVersion").asText(), doc.path("kind").asText(), doc.path("openAPIV3Schema"));
            } catch (IOException | NullPointerException e) {
                throw new IllegalStateException("schema " + name + " could not be read", e);
            }
        }
        for (Path file : crdFiles) {
            for (JsonNode doc : YamlDocuments.read(file)) {
                if ("CustomResourceDefinition".equals(doc.path("kind").asText())) {
                    s.addCrd(doc);
                }
            }
        }
        return s;
    }

    private void addCrd(JsonNode crd) {
        String group = crd.path("spec").path("group").asText();
        String kind = crd.path("spec").path("names").path("kind").asText();
        for (JsonNode version : crd.path("spec").path("versions")) {
            add(group + "/" + version.path("name").asText(), kind, version.path("schema").path("openAPIV3Schema"));
        }
    }

    private void add(String apiVersion, String kind, JsonNode openApiSchema) {
        if (openApiSchema.isMissingNode()) {
            throw new IllegalStateException("no openAPIV3Schema for " + apiVersion + " " + kind);
        }
        ObjectNode strict = StructuralSchema.toStrictJsonSchema(openApiSchema);
        schemas.put(apiVersion + " " + kind, factory.getSchema(strict));
    }

    boolean knows(String apiVersion, String kind) {
        return schemas.containsKey(apiVersion + " " + kind);
    }

    int size() {
        return schemas.size();
    }

    /** Patches are partial objects: for them a missing required field is not an error. */
    List<Finding> validate(ManifestDocument m) {
        JsonSchema schema = schemas.get(m.apiVersion() + " " + m.kind());
        return schema.validate(m.tree()).stream()
                .filter(msg -> !(m.patch() && "required".equals(msg.getType())))
                .map(msg -> Finding.of(m, field(msg), msg.getError() + " (" + m.kind() + " schema)"))
                .toList();
    }

    private static String field(ValidationMessage msg) {
        String at = msg.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "");
        if ("required".equals(msg.getType()) || "additionalProperties".equals(msg.getType())) {
            String property = msg.getProperty();
            return property == null ? at : UnknownFields.join(at, property);
        }
        return at;
    }
}
