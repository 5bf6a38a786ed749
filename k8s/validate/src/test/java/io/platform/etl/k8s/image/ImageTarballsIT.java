package io.platform.etl.k8s.image;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens each service's image tarball (built by {@code -Pimages}, docs/adr/0510) and checks what Kubernetes and the
 * service rely on. Runs only in the images profile, which builds the tarballs first; a missing tarball fails.
 */
class ImageTarballsIT {

    private static final Path ROOT = Path.of(System.getProperty("project.root", "../.."));
    /** Compressed size limit: the stages carry RocksDB's native libraries (~110 MB compressed). */
    private static final long MAX_BYTES = 200L * 1024 * 1024;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "rules-api, 8080, io.platform.etl.rules.Application, false",
        "stage-filter, 8081, io.platform.etl.stage.filter.Application, true",
        "stage-dedupe, 8082, io.platform.etl.stage.dedupe.Application, true",
        "stage-enrich, 8083, io.platform.etl.stage.enrich.Application, true",
        "stage-aggregate, 8084, io.platform.etl.stage.aggregate.Application, true",
        "price-exporter, 8085, io.platform.etl.exporter.Application, false",
    })
    void imageRunsTheServiceAsNonRootWithItsJvmOptionsPortAndLabels(String service, int port, String mainClass,
                                                                     boolean stage) throws IOException {
        Path tar = ROOT.resolve(service).resolve("target/jib-image.tar");
        assertThat(tar).as("image tarball of %s (./mvnw -Pimages package)", service).exists();
        OciTarball image = OciTarball.read(tar);
        JsonNode config = image.config();

        assertThat(config.path("User").asText()).isEqualTo("65532:65532");
        assertThat(strings(config.path("Entrypoint")))
                .containsExactly("java", "@/app/jvm.options", "-cp", "@/app/jib-classpath-file", mainClass);
        assertThat(strings(config.path("Env")))
                .contains("MALLOC_ARENA_MAX=2", "PORT=" + port, "JAVA_HOME=/opt/java/openjdk")
                .anyMatch(e -> e.startsWith("PATH=/opt/java/openjdk/bin:"));
        assertThat(config.path("ExposedPorts").has(port + "/tcp")).as("exposed port %s", port).isTrue();
        JsonNode labels = config.path("Labels");
        assertThat(labels.path("org.opencontainers.image.title").asText()).isEqualTo(service);
        assertThat(labels.path("org.opencontainers.image.version").asText()).isNotBlank();
        assertThat(labels.path("org.opencontainers.image.source").asText()).isNotBlank();

        String classFile = "/app/classes/" + mainClass.replace('.', '/') + ".class";
        assertThat(image.files()).contains(classFile, "/app/jvm.options", "/app/jib-classpath-file",
                "/opt/java/openjdk/bin/java", "/etc/passwd", "/etc/ssl/certs/ca-certificates.crt");
        if (stage) {
            assertThat(image.files()).contains("/etc/pipeline/pipeline.yaml");
        }
        assertThat(image.compressedSize()).as("compressed size of %s", service).isLessThan(MAX_BYTES);

        System.out.printf("image %s: %s, %.1f MB compressed%n", service, image.manifestDigest(),
                image.compressedSize() / 1024.0 / 1024.0);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
