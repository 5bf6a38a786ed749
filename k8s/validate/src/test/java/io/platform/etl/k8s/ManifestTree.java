package io.platform.etl.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Everything under k8s/ (except this validator): the kustomizations, and every manifest document parsed
 * strictly. A file listed under {@code resources:} is a full object; one listed under {@code patches:} is a
 * partial one; a file no kustomization mentions is a finding (it would never be deployed).
 */
record ManifestTree(Path root, List<Kustomization> kustomizations, List<ManifestDocument> manifests, List<Finding> findings) {

    static Path defaultRoot() {
        return Path.of(System.getProperty("k8s.dir", "..")).toAbsolutePath().normalize();
    }

    static ManifestTree load(Path root) {
        List<Path> yamlFiles = yamlFiles(root);
        List<Kustomization> kustomizations = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (Path f : yamlFiles) {
            if (isKustomization(f)) {
                Kustomization k = Kustomization.read(f, relative(root, f));
                kustomizations.add(k);
                findings.addAll(k.findings());
            }
        }
        Set<Path> resources = new HashSet<>();
        Set<Path> patches = new HashSet<>();
        Set<Path> sources = new HashSet<>();
        kustomizations.forEach(k -> {
            resources.addAll(k.resources());
            patches.addAll(k.patches());
            sources.addAll(k.generatorSources());
        });
        CustomResourceSchemas schemas = CustomResourceSchemas.load(
                yamlFiles.stream().filter(resources::contains).toList());
        StrictParser parser = new StrictParser(schemas);
        List<ManifestDocument> manifests = new ArrayList<>();
        for (Path f : yamlFiles) {
            if (isKustomization(f)) {
                continue;
            }
            boolean patch = patches.contains(f);
            if (!patch && !resources.contains(f)) {
                if (!sources.contains(f)) {
                    findings.add(new Finding(relative(root, f), "file", "", "not referenced by any kustomization.yaml"));
                }
                continue;
            }
            List<JsonNode> docs = YamlDocuments.read(f);
            for (int i = 0; i < docs.size(); i++) {
                StrictParser.Parsed parsed = parser.parse(relative(root, f), i, docs.get(i), patch);
                manifests.add(parsed.manifest());
                findings.addAll(parsed.findings());
            }
        }
        return new ManifestTree(root, kustomizations, manifests, findings);
    }

    /** The full objects (no patches) that parsed. */
    List<ManifestDocument> resources() {
        return manifests.stream().filter(m -> !m.patch()).toList();
    }

    /** The manifests under one folder of k8s/, e.g. "base". */
    List<ManifestDocument> resourcesUnder(String folder) {
        return resources().stream().filter(m -> m.file().startsWith(folder + "/")).toList();
    }

    List<String> generatedConfigMaps() {
        return kustomizations.stream().flatMap(k -> k.configMapNames().stream()).toList();
    }

    static boolean isKustomization(Path f) {
        String name = f.getFileName().toString();
        return name.equals("kustomization.yaml") || name.equals("kustomization.yml");
    }

    static String relative(Path root, Path f) {
        return root.relativize(f).toString().replace('\\', '/');
    }

    private static List<Path> yamlFiles(Path root) {
        Path validator = root.resolve("validate");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.startsWith(validator))
                    .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
