package io.platform.etl.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What every pod template of the platform must have; {@code path} is where the pod spec sits in its object. */
final class PodChecks {

    private static final Pattern SECRET_LIKE = Pattern.compile("(?i).*(password|secret|token|private_key|access_key).*");

    private PodChecks() {
    }

    static List<Finding> check(ManifestDocument m, String path, PodSpec pod, boolean needsProbes) {
        List<Finding> findings = new ArrayList<>();
        if (pod == null) {
            findings.add(Finding.of(m, path, "no pod spec"));
            return findings;
        }
        if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
            findings.add(Finding.of(m, path + ".automountServiceAccountToken",
                    "must be false (no workload here calls the Kubernetes API)"));
        }
        PodSecurityContext podSecurity = pod.getSecurityContext();
        boolean podNonRoot = podSecurity != null && Boolean.TRUE.equals(podSecurity.getRunAsNonRoot());
        List<Container> containers = Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream()).toList();
        for (int i = 0; i < containers.size(); i++) {
            Container c = containers.get(i);
            String at = path + (i < pod.getInitContainers().size() ? ".initContainers[" + i + "]"
                    : ".containers[" + (i - pod.getInitContainers().size()) + "]");
            findings.addAll(image(m, at, c.getImage()));
            findings.addAll(resources(m, at, c.getResources()));
            boolean nonRoot = c.getSecurityContext() != null && c.getSecurityContext().getRunAsNonRoot() != null
                    ? c.getSecurityContext().getRunAsNonRoot() : podNonRoot;
            if (!nonRoot) {
                findings.add(Finding.of(m, at + ".securityContext.runAsNonRoot", "must be true (pod or container level)"));
            }
            if (c.getSecurityContext() == null || !Boolean.TRUE.equals(c.getSecurityContext().getReadOnlyRootFilesystem())) {
                findings.add(Finding.of(m, at + ".securityContext.readOnlyRootFilesystem", "must be true"));
            }
            if (needsProbes && i >= pod.getInitContainers().size()) {
                if (c.getLivenessProbe() == null) {
                    findings.add(Finding.of(m, at + ".livenessProbe", "missing"));
                }
                if (c.getReadinessProbe() == null) {
                    findings.add(Finding.of(m, at + ".readinessProbe", "missing"));
                }
            }
            for (EnvVar env : c.getEnv()) {
                if (env.getValue() != null && !env.getValue().isEmpty() && SECRET_LIKE.matcher(env.getName()).matches()) {
                    findings.add(Finding.of(m, at + ".env." + env.getName(),
                            "plain-text value for a secret: use valueFrom.secretKeyRef"));
                }
            }
        }
        return findings;
    }

    static List<Finding> image(ManifestDocument m, String at, String image) {
        if (image == null || image.isBlank()) {
            return List.of(Finding.of(m, at + ".image", "missing"));
        }
        if (image.contains("@sha256:")) {
            return List.of();
        }
        String last = image.substring(image.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        if (colon < 0 || last.substring(colon + 1).equals("latest")) {
            return List.of(Finding.of(m, at + ".image", image + " is not pinned to a version tag (no tag or :latest)"));
        }
        return List.of();
    }

    private static List<Finding> resources(ManifestDocument m, String at, ResourceRequirements r) {
        List<Finding> findings = new ArrayList<>();
        Map<String, ?> requests = r == null ? Map.of() : r.getRequests();
        Map<String, ?> limits = r == null ? Map.of() : r.getLimits();
        for (String resource : List.of("cpu", "memory")) {
            if (!requests.containsKey(resource)) {
                findings.add(Finding.of(m, at + ".resources.requests." + resource, "missing"));
            }
            if (!limits.containsKey(resource)) {
                findings.add(Finding.of(m, at + ".resources.limits." + resource, "missing"));
            }
        }
        return findings;
    }
}
