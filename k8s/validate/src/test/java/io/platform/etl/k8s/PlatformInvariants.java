package io.platform.etl.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The deployment rules of the platform, checked over a set of full (not patch) manifests: a base, or an
 * overlay rendered by kustomize.
 */
final class PlatformInvariants {

    static final String COMPONENT = "app.kubernetes.io/component";
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|secret).*");

    private PlatformInvariants() {
    }

    static List<Finding> check(List<ManifestDocument> manifests) {
        List<Finding> findings = new ArrayList<>();
        for (ManifestDocument m : manifests) {
            if (m.typed() instanceof Deployment d) {
                findings.addAll(PodChecks.check(m, "spec.template.spec", d.getSpec().getTemplate().getSpec(), true));
                if ("stage".equals(d.getSpec().getTemplate().getMetadata().getLabels().get(COMPONENT))) {
                    findings.addAll(stageHasHpaAndPdb(m, d, manifests));
                }
            } else if (m.typed() instanceof CronJob c) {
                if (!"Forbid".equals(c.getSpec().getConcurrencyPolicy())) {
                    findings.add(Finding.of(m, "spec.concurrencyPolicy", "must be Forbid (no two runs at once), is "
                            + c.getSpec().getConcurrencyPolicy()));
                }
                findings.addAll(PodChecks.check(m, "spec.jobTemplate.spec.template.spec",
                        c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec(), false));
            } else if (m.typed() instanceof HorizontalPodAutoscaler h) {
                findings.addAll(hpaBounds(m, h));
            } else if (m.typed() instanceof ConfigMap cm) {
                for (String key : keys(cm)) {
                    if (SECRET_KEY.matcher(key).matches()) {
                        findings.add(Finding.of(m, "data." + key, "looks like a secret: ConfigMaps are plain text, use a Secret"));
                    }
                }
            } else if (m.typed() instanceof ServiceAccount sa && !Boolean.FALSE.equals(sa.getAutomountServiceAccountToken())) {
                findings.add(Finding.of(m, "automountServiceAccountToken", "must be false"));
            } else if ("KafkaTopic".equals(m.kind()) && m.tree().path("metadata").path("labels").path("strimzi.io/cluster").isMissingNode()) {
                findings.add(Finding.of(m, "metadata.labels.strimzi.io/cluster", "missing: no Topic Operator would manage it"));
            }
        }
        return findings;
    }

    private static List<String> keys(ConfigMap cm) {
        List<String> keys = new ArrayList<>(cm.getData() == null ? List.of() : cm.getData().keySet());
        keys.addAll(cm.getBinaryData() == null ? List.of() : cm.getBinaryData().keySet());
        return keys;
    }

    private static List<Finding> hpaBounds(ManifestDocument m, HorizontalPodAutoscaler h) {
        Integer min = h.getSpec().getMinReplicas();
        Integer max = h.getSpec().getMaxReplicas();
        if (min == null || max == null || min < 1 || min > max) {
            return List.of(Finding.of(m, "spec.minReplicas", "need 1 <= minReplicas <= maxReplicas, got " + min + ".." + max));
        }
        return List.of();
    }

    private static List<Finding> stageHasHpaAndPdb(ManifestDocument m, Deployment d, List<ManifestDocument> all) {
        String name = d.getMetadata().getName();
        Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
        List<Finding> findings = new ArrayList<>();
        boolean hpa = all.stream().map(ManifestDocument::typed).anyMatch(r -> r instanceof HorizontalPodAutoscaler h
                && "Deployment".equals(h.getSpec().getScaleTargetRef().getKind())
                && name.equals(h.getSpec().getScaleTargetRef().getName())
                && h.getSpec().getMetrics().stream().anyMatch(x -> x.getResource() != null
                        && "cpu".equals(x.getResource().getName())));
        if (!hpa) {
            findings.add(Finding.of(m, "", "stage without an autoscaling/v2 HorizontalPodAutoscaler on CPU targeting Deployment " + name));
        }
        boolean pdb = all.stream().map(ManifestDocument::typed).anyMatch(r -> r instanceof PodDisruptionBudget p
                && p.getSpec().getSelector() != null && p.getSpec().getSelector().getMatchLabels() != null
                && !p.getSpec().getSelector().getMatchLabels().isEmpty()
                && podLabels.entrySet().containsAll(p.getSpec().getSelector().getMatchLabels().entrySet()));
        if (!pdb) {
            findings.add(Finding.of(m, "", "stage without a PodDisruptionBudget selecting its pods"));
        }
        return findings;
    }
}
