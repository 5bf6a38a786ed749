package io.platform.etl.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.KubernetesResource;

/**
 * One YAML document of a manifest file: its raw tree (Jackson 2, for JSON-schema checks) and, when its kind is
 * a built-in one, the strictly parsed fabric8 object (null for custom resources and for documents that did not
 * parse). {@code patch} marks overlay patches, which are partial objects.
 */
public record ManifestDocument(String file, int index, JsonNode tree, KubernetesResource typed, boolean patch) {

    public String apiVersion() {
        return tree.path("apiVersion").asText("");
    }

    public String kind() {
        return tree.path("kind").asText("");
    }

    public String name() {
        return tree.path("metadata").path("name").asText("");
    }

    public String describe() {
        return "doc " + (index + 1) + " " + kind() + "/" + name();
    }

    public <T> T as(Class<T> type) {
        return type.cast(typed);
    }
}
