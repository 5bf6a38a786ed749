package io.platform.etl.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The ConfigMaps and Secrets the pod templates of a manifest set refer to (optional references excluded). */
record References(Set<String> configMaps, Set<String> secrets) {

    static References of(List<ManifestDocument> manifests) {
        Set<String> configMaps = new TreeSet<>();
        Set<String> secrets = new TreeSet<>();
        for (ManifestDocument m : manifests) {
            PodSpec pod = m.typed() instanceof Deployment d ? d.getSpec().getTemplate().getSpec()
                    : m.typed() instanceof CronJob c ? c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec() : null;
            if (pod == null) {
                continue;
            }
            pod.getVolumes().stream().filter(v -> v.getConfigMap() != null && !Boolean.TRUE.equals(v.getConfigMap().getOptional()))
                    .forEach(v -> configMaps.add(v.getConfigMap().getName()));
            pod.getVolumes().stream().filter(v -> v.getSecret() != null && !Boolean.TRUE.equals(v.getSecret().getOptional()))
                    .forEach(v -> secrets.add(v.getSecret().getSecretName()));
            for (Container c : pod.getContainers()) {
                c.getEnv().stream().filter(e -> e.getValueFrom() != null).forEach(e -> {
                    var cm = e.getValueFrom().getConfigMapKeyRef();
                    if (cm != null && !Boolean.TRUE.equals(cm.getOptional())) {
                        configMaps.add(cm.getName());
                    }
                    var s = e.getValueFrom().getSecretKeyRef();
                    if (s != null) {
                        secrets.add(s.getName());
                    }
                });
            }
        }
        return new References(configMaps, secrets);
    }
}
