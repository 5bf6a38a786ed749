package io.platform.etl.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Deliberately broken manifests (src/test/resources/broken) are rejected with the file and field named. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokenManifestsTest {

    private final StrictParser parser = new StrictParser(CustomResourceSchemas.load(
            List.of(ManifestTree.defaultRoot().resolve("base/crd/streamingpipelines.etl.platform.io.yaml"))));

    @Test
    void replicaTypoIsAnUnknownProperty() {
        assertThat(messages("replica-typo.yaml")).singleElement().asString()
                .startsWith("broken/replica-typo.yaml [doc 1 Deployment/typo] spec.replica: unknown property");
    }

    @Test
    void stringReplicasIsATypeError() {
        assertThat(messages("wrong-type.yaml")).singleElement().asString()
                .startsWith("broken/wrong-type.yaml [doc 1 Deployment/wrong-type] spec.replicas");
    }

    @Test
    void autoscalingV3IsAnUnknownApiVersion() {
        assertThat(messages("autoscaling-v3.yaml")).singleElement().asString()
                .contains("broken/autoscaling-v3.yaml", "apiVersion: unknown apiVersion/kind autoscaling/v3 HorizontalPodAutoscaler");
    }

    @Test
    void deploymentWithoutProbesBreaksTheInvariants() {
        assertThat(messages("deployment-without-probes.yaml")).containsExactlyInAnyOrder(
                "broken/deployment-without-probes.yaml [doc 1 Deployment/no-probes] spec.template.spec.containers[0].livenessProbe: missing",
                "broken/deployment-without-probes.yaml [doc 1 Deployment/no-probes] spec.template.spec.containers[0].readinessProbe: missing");
    }

    @Test
    void kafkaTopicFieldTypoFailsItsSchema() {
        assertThat(messages("kafkatopic-typo.yaml")).singleElement().asString()
                .startsWith("broken/kafkatopic-typo.yaml [doc 1 KafkaTopic/events-typo] spec.partition:")
                .contains("KafkaTopic schema");
    }

    @Test
    void streamingPipelineIsCheckedAgainstTheCrdInTheBase() {
        assertThat(messages("pipeline-bad-enum.yaml")).singleElement().asString()
                .startsWith("broken/pipeline-bad-enum.yaml [doc 1 StreamingPipeline/broken] spec.config.late_data_handling:")
                .contains("StreamingPipeline schema");
    }

    @Test
    void passwordKeyInAConfigMapIsRejected() {
        assertThat(messages("configmap-password.yaml")).singleElement().asString()
                .startsWith("broken/configmap-password.yaml [doc 1 ConfigMap/leaky] data.DB_PASSWORD: looks like a secret");
    }

    @Test
    void cronJobAllowingConcurrentRunsWithLatestImageAndLiteralPasswordIsRejected() {
        assertThat(messages("cronjob-concurrent-latest.yaml")).containsExactlyInAnyOrder(
                "broken/cronjob-concurrent-latest.yaml [doc 1 CronJob/exporter] spec.concurrencyPolicy: must be Forbid (no two runs at once), is Allow",
                "broken/cronjob-concurrent-latest.yaml [doc 1 CronJob/exporter] spec.jobTemplate.spec.template.spec.containers[0].image: "
                        + "etl-platform/price-exporter:latest is not pinned to a version tag (no tag or :latest)",
                "broken/cronjob-concurrent-latest.yaml [doc 1 CronJob/exporter] spec.jobTemplate.spec.template.spec.containers[0].env.DB_PASSWORD: "
                        + "plain-text value for a secret: use valueFrom.secretKeyRef");
    }

    @Test
    void kustomizationReferencingMissingFilesIsRejected() {
        Kustomization k = Kustomization.read(resource("missing-reference/kustomization.yaml"), "broken/missing-reference/kustomization.yaml");
        assertThat(k.findings()).extracting(Finding::toString).containsExactlyInAnyOrder(
                "broken/missing-reference/kustomization.yaml [kustomization] resources: missing.yaml does not exist",
                "broken/missing-reference/kustomization.yaml [kustomization] patches: missing-patch.yaml does not exist");
        assertThat(k.resources()).extracting(p -> p.getFileName().toString()).containsExactly("present.yaml");
    }

    private List<String> messages(String name) {
        List<JsonNode> docs = YamlDocuments.read(resource(name));
        List<ManifestDocument> manifests = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            StrictParser.Parsed parsed = parser.parse("broken/" + name, i, docs.get(i), false);
            findings.addAll(parsed.findings());
            if (parsed.findings().isEmpty()) {
                manifests.add(parsed.manifest());
            }
        }
        findings.addAll(PlatformInvariants.check(manifests));
        return findings.stream().map(Finding::toString).toList();
    }

    private static Path resource(String name) {
        try {
            return Path.of(BrokenManifestsTest.class.getResource("/broken/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource broken/" + name + " missing", e);
        }
    }
}
