package io.platform.etl.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One source for a pod's JVM flags (ADR 0514): a manifest sets no flag its image's jvm.options sets (the image's
 * would silently win) and no heap flag at all, and the pod template's {@code jvm.etl-platform.io/heap} annotation
 * says which heap flag the image runs with, so {@code kubectl describe pod} shows what runs.
 */
final class JvmFlagChecks {

    static final String HEAP_ANNOTATION = "jvm.etl-platform.io/heap";
    /** Environment variables the JVM itself reads flags from. */
    static final Set<String> FLAG_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    private JvmFlagChecks() {
    }

    /**
     * {@code path} is the pod template's place in the document. Overlay patches are partial: their containers may
     * name no image (then only heap flags are checked) and their templates need no annotation.
     */
    static List<Finding> check(ManifestDocument m, String path, PodTemplateSpec template, Path repo) {
        List<Finding> findings = new ArrayList<>();
        List<Container> containers = template == null || template.getSpec() == null ? List.of()
                : template.getSpec().getContainers();
        for (int i = 0; i < containers.size(); i++) {
            Container c = containers.get(i);
            ImageJvmOptions image = c.getImage() == null ? null : ImageJvmOptions.of(repo, c.getImage());
            String at = path + ".spec.containers[" + i + "].env.";
            for (EnvVar env : c.getEnv()) {
                if (!FLAG_VARIABLES.contains(env.getName()) || env.getValue() == null) {
                    continue;
                }
                String where = image == null ? "the image's jvm.options" : image.source().toString();
                for (String flag : env.getValue().trim().split("\\s+")) {
                    if (ImageJvmOptions.HEAP_FLAGS.contains(ImageJvmOptions.name(flag))) {
                        findings.add(Finding.of(m, at + env.getName(),
                                flag + " sizes the heap outside the image: set it in " + where + " only"));
                    } else if (image != null && image.sets(flag)) {
                        findings.add(Finding.of(m, at + env.getName(), flag + " is overridden by " + where
                                + " (read later on the command line): set it there only"));
                    }
                }
            }
            if (i == 0 && image != null && !m.patch()) {
                Map<String, String> annotations = template.getMetadata() == null ? null
                        : template.getMetadata().getAnnotations();
                String shown = annotations == null ? null : annotations.get(HEAP_ANNOTATION);
                if (!image.heap().equals(shown)) {
                    findings.add(Finding.of(m, path + ".metadata.annotations." + HEAP_ANNOTATION,
                            "is " + shown + " but the image runs " + image.heap() + " (" + image.source() + ")"));
                }
            }
        }
        return findings;
    }
}
