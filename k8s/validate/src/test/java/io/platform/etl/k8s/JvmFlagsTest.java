package io.platform.etl.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pod's JVM flags have one source, the image's jvm.options, and its heap annotation shows it (ADR 0514). */
class JvmFlagsTest {

    private final ManifestTree tree = ManifestTree.load(ManifestTree.defaultRoot());
    private final Path repo = tree.root().getParent();

    @Test
    void noManifestSetsAJvmFlagItsImageOverridesAndEveryPodShowsTheHeapItRuns() {
        List<Finding> findings = new ArrayList<>();
        for (ManifestDocument m : tree.manifests()) {
            if (m.typed() instanceof Deployment d && d.getSpec() != null) {
                findings.addAll(JvmFlagChecks.check(m, "spec.template", d.getSpec().getTemplate(), repo));
            } else if (m.typed() instanceof CronJob j && j.getSpec() != null && j.getSpec().getJobTemplate() != null
                    && j.getSpec().getJobTemplate().getSpec() != null) {
                findings.addAll(JvmFlagChecks.check(m, "spec.jobTemplate.spec.template",
                        j.getSpec().getJobTemplate().getSpec().getTemplate(), repo));
            }
        }
        assertThat(tree.manifests()).filteredOn(m -> !m.patch()
                && (m.typed() instanceof Deployment || m.typed() instanceof CronJob)).hasSizeGreaterThanOrEqualTo(6);
        assertThat(findings).isEmpty();
    }

    @Test
    void aHeapInJavaToolOptionsIsReportedBecauseTheImagesOptionsWin() {
        PodTemplateSpec template = pod("-Xmx256m -XX:+UseSerialGC -Djava.io.tmpdir=/tmp", imageHeap());

        assertThat(JvmFlagChecks.check(document(), "spec.template", template, repo)).extracting(Finding::toString)
                .containsExactly(
                        "x.yaml [doc 1 Deployment/stage-filter] spec.template.spec.containers[0].env.JAVA_TOOL_OPTIONS:"
                                + " -Xmx256m sizes the heap outside the image: set it in stage-filter/jvm.options only",
                        "x.yaml [doc 1 Deployment/stage-filter] spec.template.spec.containers[0].env.JAVA_TOOL_OPTIONS:"
                                + " -XX:+UseSerialGC is overridden by stage-filter/jvm.options (read later on the"
                                + " command line): set it there only");
    }

    @Test
    void aHeapAnnotationThatDiffersFromTheImageIsReported() {
        PodTemplateSpec template = pod("-Djava.io.tmpdir=/tmp", "-Xmx256m");

        assertThat(JvmFlagChecks.check(document(), "spec.template", template, repo)).extracting(Finding::message)
                .containsExactly("is -Xmx256m but the image runs " + imageHeap() + " (stage-filter/jvm.options)");
    }

    @Test
    void anImageWithoutItsOwnOptionsRunsTheDefaultShareOfTheLimit() {
        assertThat(ImageJvmOptions.of(repo, "etl-platform/rules-api:0.1.0").heap())
                .isEqualTo("-XX:MaxRAMPercentage=50");
        assertThat(ImageJvmOptions.of(repo, "etl-platform/rules-api:0.1.0").source())
                .isEqualTo(Path.of("k8s/image/jvm.options"));
    }

    private String imageHeap() {
        return ImageJvmOptions.of(repo, "etl-platform/stage-filter:0.1.0").heap();
    }

    private static PodTemplateSpec pod(String javaToolOptions, String heapAnnotation) {
        return new PodTemplateSpecBuilder()
                .withNewMetadata().addToAnnotations(JvmFlagChecks.HEAP_ANNOTATION, heapAnnotation).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("etl-platform/stage-filter:0.1.0")
                .addNewEnv().withName("JAVA_TOOL_OPTIONS").withValue(javaToolOptions).endEnv()
                .endContainer().endSpec().build();
    }

    private static ManifestDocument document() {
        Deployment d = new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder().withNewMetadata()
                .withName("stage-filter").endMetadata().build();
        return new ManifestDocument("x.yaml", 0, new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(d), d, false);
    }
}
