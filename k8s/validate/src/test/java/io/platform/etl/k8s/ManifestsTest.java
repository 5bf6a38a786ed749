package io.platform.etl.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The manifests under k8s/ as shipped: they parse strictly, match their schemas and keep the platform's rules. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManifestsTest {

    private static final Logger LOG = Logger.getLogger(ManifestsTest.class.getName());
    private static final Map<String, String> STAGE_OF_SERVICE = Map.of("stage-filter", "filter",
            "stage-dedupe", "deduplicate", "stage-enrich", "enrich", "stage-aggregate", "aggregate");

    private final ManifestTree tree = ManifestTree.load(ManifestTree.defaultRoot());
    private final List<ManifestDocument> base = tree.resourcesUnder("base");

    @Test
    void everyManifestParsesStrictlyAndEveryFileIsDeployed() {
        assertThat(tree.findings()).as("findings").isEmpty();
        assertThat(base).extracting(ManifestDocument::kind).contains("Deployment", "Service", "HorizontalPodAutoscaler",
                "PodDisruptionBudget", "CronJob", "ServiceAccount", "NetworkPolicy", "KafkaTopic", "ServiceMonitor",
                "PrometheusRule", "CustomResourceDefinition", "StreamingPipeline", "Namespace", "ConfigMap");
        assertThat(base).filteredOn(m -> m.typed() == null)
                .extracting(ManifestDocument::kind).containsOnly("KafkaTopic", "ServiceMonitor", "PrometheusRule", "StreamingPipeline");
        assertThat(tree.manifests()).filteredOn(ManifestDocument::patch).isNotEmpty();
    }

    @Test
    void baseKeepsThePlatformInvariants() {
        assertThat(PlatformInvariants.check(base)).isEmpty();
    }

    @Test
    void everyStageHasItsOwnDeploymentServiceHpaAndPdbWithTheSpecsScaling() {
        JsonNode stages = single("StreamingPipeline").tree().path("spec").path("processing").path("stages");
        STAGE_OF_SERVICE.forEach((service, stageType) -> {
            JsonNode scaling = Stream.of(stages).flatMap(s -> toList(s).stream())
                    .filter(s -> stageType.equals(s.path("type").asText())).findFirst().orElseThrow().path("scaling");
            HorizontalPodAutoscaler hpa = named(HorizontalPodAutoscaler.class, service);
            assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(service);
            assertThat(hpa.getSpec().getMinReplicas()).as(service + " min").isEqualTo(scaling.path("min_replicas").asInt());
            assertThat(hpa.getSpec().getMaxReplicas()).as(service + " max").isEqualTo(scaling.path("max_replicas").asInt());
            assertThat(hpa.getSpec().getMetrics().getFirst().getResource().getTarget().getAverageUtilization())
                    .as(service + " target_cpu").isEqualTo(scaling.path("target_cpu").asInt());
            Deployment d = named(Deployment.class, service);
            var container = d.getSpec().getTemplate().getSpec().getContainers().getFirst();
            assertThat(container.getImage()).isEqualTo("etl-platform/" + service + ":0.1.0");
            assertThat(env(container.getEnv(), "PIPELINE_SPEC").getValue()).isEqualTo("/etc/pipeline/pipeline.yaml");
            assertThat(env(container.getEnv(), "REDIS_URI").getValueFrom().getSecretKeyRef()).isNotNull();
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/liveness");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/readiness");
            assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations())
                    .containsEntry("prometheus.io/path", "/prometheus").containsEntry("prometheus.io/scrape", "true");
            assertThat(d.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()).isGreaterThanOrEqualTo(30L);
        });
    }

    @Test
    void cronJobRunsTheExporterOnceDailyAsTheSeedAsks() {
        CronJob job = named(CronJob.class, "price-exporter");
        assertThat(job.getSpec().getSchedule()).isEqualTo("0 6 * * *");
        assertThat(job.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        assertThat(job.getSpec().getStartingDeadlineSeconds()).isEqualTo(300L);
        assertThat(job.getSpec().getSuccessfulJobsHistoryLimit()).isPositive();
        assertThat(job.getSpec().getFailedJobsHistoryLimit()).isPositive();
        assertThat(job.getSpec().getJobTemplate().getSpec().getBackoffLimit()).isPositive();
        var container = job.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(container.getArgs()).containsExactly("--once");
        assertThat(container.getEnv()).extracting(EnvVar::getName).doesNotContain("RUN_DATE")
                .contains("DB_HOST", "DB_PORT", "DB_NAME", "DB_USER", "DB_PASSWORD", "STORAGE_BUCKET", "STORAGE_PREFIX",
                        "STORAGE_ACCESS_KEY", "STORAGE_SECRET_KEY", "OUTPUT_FORMATS");
        assertThat(env(container.getEnv(), "DB_PASSWORD").getValueFrom().getSecretKeyRef().getName())
                .isEqualTo("price-exporter-db-credentials");
        assertThat(env(container.getEnv(), "STORAGE_BUCKET").getValueFrom().getConfigMapKeyRef().getName())
                .isEqualTo("price-exporter-config");
    }

    @Test
    void cronJobRunsTheExporterWithTheBenchmarkedJvmFlags() {
        var container = named(CronJob.class, "price-exporter").getSpec().getJobTemplate().getSpec().getTemplate()
                .getSpec().getContainers().getFirst();
        // The image carries price-exporter/jvm.options; JvmFlagsTest keeps the manifest from overriding any of it.
        ImageJvmOptions image = ImageJvmOptions.of(tree.root().getParent(), container.getImage());
        assertThat(image.source()).isEqualTo(Path.of("price-exporter/jvm.options"));
        assertThat(image.flags()).contains("-Xmx96m", "-XX:+UseSerialGC");
        assertThat(env(container.getEnv(), "MALLOC_ARENA_MAX").getValue()).isEqualTo("2");
    }

    @Test
    void pipelineCopyInTheBaseIsIdenticalToConfigPipelineYaml() throws IOException {
        Path repo = tree.root().getParent();
        assertThat(Files.readString(tree.root().resolve("base/pipeline/pipeline.yaml")))
                .as("k8s/base/pipeline/pipeline.yaml must be a copy of config/pipeline.yaml")
                .isEqualTo(Files.readString(repo.resolve("config/pipeline.yaml")));
    }

    @Test
    void everyReferencedConfigMapExistsAndEverySecretIsDocumented() throws IOException {
        Set<String> configMaps = new TreeSet<>(tree.generatedConfigMaps());
        base.stream().filter(m -> m.kind().equals("ConfigMap")).forEach(m -> configMaps.add(m.name()));
        String readme = Files.readString(tree.root().resolve("README.md"));
        References refs = References.of(base);
        assertThat(configMaps).containsAll(refs.configMaps());
        assertThat(refs.secrets()).isNotEmpty().allSatisfy(s -> assertThat(readme).as("README names Secret " + s).contains("`" + s + "`"));
    }

    @Test
    void overlaysRenderWithKubectlKustomizeAndKeepTheInvariants() throws IOException {
        var unavailable = KubectlKustomize.unavailableReason();
        if (unavailable.isPresent()) {
            LOG.warning("Skipping the kustomize rendering check: " + unavailable.get()
                    + ". The overlays were still parsed file by file above.");
            return;
        }
        CustomResourceSchemas schemas = CustomResourceSchemas.load(List.of(tree.root().resolve("base/crd/streamingpipelines.etl.platform.io.yaml")));
        StrictParser parser = new StrictParser(schemas);
        for (String overlay : List.of("dev", "prod", "keda")) {
            List<JsonNode> docs = YamlDocuments.read(KubectlKustomize.render(tree.root().resolve("overlays/" + overlay)));
            List<ManifestDocument> rendered = new ArrayList<>();
            List<Finding> findings = new ArrayList<>();
            for (int i = 0; i < docs.size(); i++) {
                StrictParser.Parsed parsed = parser.parse("overlays/" + overlay + " (rendered)", i, docs.get(i), false);
                rendered.add(parsed.manifest());
                findings.addAll(parsed.findings());
            }
            findings.addAll(PlatformInvariants.check(rendered));
            assertThat(findings).as(overlay).isEmpty();
            References refs = References.of(rendered);
            Set<String> renderedConfigMaps = new TreeSet<>();
            rendered.stream().filter(m -> m.kind().equals("ConfigMap")).forEach(m -> renderedConfigMaps.add(m.name()));
            assertThat(renderedConfigMaps).as(overlay + " ConfigMaps").containsAll(refs.configMaps());
            assertThat(rendered).extracting(m -> m.tree().path("metadata").path("namespace").asText(null))
                    .filteredOn(Objects::nonNull).containsOnly("dev".equals(overlay) ? "data-processing-dev" : "data-processing");
            LOG.info("overlays/" + overlay + ": " + rendered.size() + " objects rendered and checked");
        }
    }

    private ManifestDocument single(String kind) {
        return base.stream().filter(m -> m.kind().equals(kind)).findFirst().orElseThrow();
    }

    private <T> T named(Class<T> type, String name) {
        return base.stream().filter(m -> type.isInstance(m.typed()) && m.name().equals(name))
                .map(m -> m.as(type)).findFirst().orElseThrow(() -> new AssertionError(type.getSimpleName() + " " + name));
    }

    private static EnvVar env(List<EnvVar> env, String name) {
        return env.stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("env " + name + " missing"));
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
