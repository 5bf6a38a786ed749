package io.platform.etl.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses manifest documents into fabric8's typed model (kubernetes-model 8.0.0) the way an API server would
 * refuse them: an apiVersion/kind that is neither built in nor a known custom resource, an unknown property
 * anywhere in the object, or a value of the wrong type is a {@link Finding} naming the field.
 */
final class StrictParser {

    private final KubernetesSerialization serialization = new KubernetesSerialization(
            JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build(), true);
    private final CustomResourceSchemas customResources;

    StrictParser(CustomResourceSchemas customResources) {
        this.customResources = customResources;
    }

    record Parsed(ManifestDocument manifest, List<Finding> findings) {
    }

    Parsed parse(String file, int index, JsonNode tree, boolean patch) {
        ManifestDocument untyped = new ManifestDocument(file, index, tree, null, patch);
        List<Finding> findings = new ArrayList<>();
        if (!tree.isObject()) {
            findings.add(Finding.of(untyped, "", "document is not a YAML mapping"));
            return new Parsed(untyped, findings);
        }
        for (String required : List.of("apiVersion", "kind")) {
            if (!tree.path(required).isTextual() || tree.path(required).asText().isBlank()) {
                findings.add(Finding.of(untyped, required, "missing"));
            }
        }
        if (!findings.isEmpty()) {
            return new Parsed(untyped, findings);
        }
        if (customResources.knows(untyped.apiVersion(), untyped.kind())) {
            findings.addAll(customResources.validate(untyped));
            return new Parsed(untyped, findings);
        }
        Class<? extends KubernetesResource> type =
                serialization.getRegisteredKubernetesResource(untyped.apiVersion(), untyped.kind());
        if (type == null || type == GenericKubernetesResource.class) {
            findings.add(Finding.of(untyped, "apiVersion", "unknown apiVersion/kind " + untyped.apiVersion()
                    + " " + untyped.kind() + " (neither a built-in Kubernetes kind nor a custom resource with a schema)"));
            return new Parsed(untyped, findings);
        }
        KubernetesResource typed;
        try {
            typed = serialization.unmarshal(tree.toString(), type);
        } catch (RuntimeException e) {
            // fabric8 wraps Jackson's error (which knows the field) in its own exception
            Throwable cause = e;
            while (cause != null && !(cause instanceof JacksonException)) {
                cause = cause.getCause();
            }
            findings.add(cause instanceof JacksonException je
                    ? Finding.of(untyped, path(je), je.getOriginalMessage())
                    : Finding.of(untyped, "", String.valueOf(e.getMessage())));
            return new Parsed(untyped, findings);
        }
        ManifestDocument manifest = new ManifestDocument(file, index, tree, typed, patch);
        for (String field : UnknownFields.in(typed)) {
            findings.add(Finding.of(manifest, field, "unknown property (or a value of the wrong type) for "
                    + untyped.apiVersion() + " " + untyped.kind()));
        }
        return new Parsed(manifest, findings);
    }

    private static String path(JacksonException e) {
        return e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? "." + ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
    }
}
