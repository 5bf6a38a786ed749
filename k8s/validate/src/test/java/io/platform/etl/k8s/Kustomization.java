package io.platform.etl.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A kustomization.yaml: the files and folders it refers to (resources, patches, generator sources) and the
 * findings with those references. Remote references (URLs) are not followed.
 */
record Kustomization(Path file, List<Path> resources, List<Path> patches, List<Path> generatorSources,
                     List<String> configMapNames, List<Finding> findings) {

    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "metadata", "namespace", "namePrefix",
            "nameSuffix", "labels", "commonLabels", "commonAnnotations", "resources", "components", "patches",
            "patchesStrategicMerge", "patchesJson6902", "images", "replicas", "configMapGenerator",
            "secretGenerator", "generatorOptions", "crds", "transformers", "generators", "replacements",
            "helmCharts", "openapi", "buildMetadata", "sortOptions", "configurations");

    static Kustomization read(Path file, String displayName) {
        Path dir = file.getParent();
        JsonNode k = YamlDocuments.read(file).getFirst();
        List<Finding> findings = new ArrayList<>();
        k.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                findings.add(new Finding(displayName, "kustomization", f, "unknown kustomization field"));
            }
        });
        List<Path> resources = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            refer(dir, r.asText(), "resources", displayName, findings, true).ifPresent(resources::add);
        }
        for (JsonNode r : k.path("components")) {
            refer(dir, r.asText(), "components", displayName, findings, true).ifPresent(resources::add);
        }
        List<Path> patches = new ArrayList<>();
        for (JsonNode p : k.path("patches")) {
            if (p.has("path")) {
                refer(dir, p.path("path").asText(), "patches", displayName, findings, false).ifPresent(patches::add);
            }
        }
        for (JsonNode p : k.path("patchesStrategicMerge")) {
            refer(dir, p.asText(), "patchesStrategicMerge", displayName, findings, false).ifPresent(patches::add);
        }
        List<Path> sources = new ArrayList<>();
        List<String> configMaps = new ArrayList<>();
        for (String generator : List.of("configMapGenerator", "secretGenerator")) {
            for (JsonNode g : k.path(generator)) {
                if (generator.equals("configMapGenerator")) {
                    configMaps.add(g.path("name").asText());
                }
                for (JsonNode f : g.path("files")) {
                    String path = f.asText().contains("=") ? f.asText().substring(f.asText().indexOf('=') + 1) : f.asText();
                    refer(dir, path, generator + ".files", displayName, findings, false).ifPresent(sources::add);
                }
            }
        }
        for (JsonNode image : k.path("images")) {
            if ("latest".equals(image.path("newTag").asText())) {
                findings.add(new Finding(displayName, "kustomization", "images." + image.path("name").asText(),
                        "newTag latest: pin a version"));
            }
        }
        return new Kustomization(file, resources, patches, sources, configMaps, findings);
    }

    private static java.util.Optional<Path> refer(Path dir, String ref, String field, String displayName,
                                                  List<Finding> findings, boolean folderAllowed) {
        if (ref.contains("://") || ref.startsWith("github.com/")) {
            return java.util.Optional.empty();
        }
        Path target = dir.resolve(ref).normalize();
        if (Files.isRegularFile(target)) {
            return java.util.Optional.of(target);
        }
        if (folderAllowed && Files.isDirectory(target)) {
            if (Files.isRegularFile(target.resolve("kustomization.yaml"))) {
                return java.util.Optional.of(target);
            }
            findings.add(new Finding(displayName, "kustomization", field, ref + " is a folder without kustomization.yaml"));
            return java.util.Optional.empty();
        }
        findings.add(new Finding(displayName, "kustomization", field, ref + " does not exist"));
        return java.util.Optional.empty();
    }
}
