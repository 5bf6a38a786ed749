package io.platform.etl.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.platform.etl.platform.cli.UsageException;
import io.platform.etl.platform.infra.OidcConfig;
import io.platform.etl.platform.service.BuildCheck;
import io.platform.etl.platform.service.JvmOptions;
import io.platform.etl.platform.service.ServiceCatalog;
import io.platform.etl.platform.service.ServiceEnvironment;
import io.platform.etl.platform.service.ServiceSpec;
import io.platform.etl.platform.config.PlatformPaths;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceSetupTest {

    @Test
    void jvmOptionsComeFromTheModuleFileOrDefaults(@TempDir Path module) throws Exception {
        assertThat(JvmOptions.of(module)).containsExactly("-Xmx256m", "-XX:+UseSerialGC");
        Files.writeString(module.resolve("jvm.options"), "# heap\n-Xmx384m   -Xss512k\n\n-XX:+UseSerialGC # gc\n");
        assertThat(JvmOptions.of(module)).containsExactly("-Xmx384m", "-Xss512k", "-XX:+UseSerialGC");
    }

    @Test
    void onlyModulesWithAnApplicationAreStarted(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("stage-dedupe/src/main/java/io/x"));
        Files.writeString(root.resolve("stage-dedupe/src/main/java/io/x/Application.java"), "class Application {}");
        Files.createDirectories(root.resolve("stage-filter/src/main/java"));
        assertThat(ServiceCatalog.select(root, List.of())).extracting(ServiceSpec::name).containsExactly("stage-dedupe");
        assertThatThrownBy(() -> ServiceCatalog.select(root, List.of("stage-filter")))
                .isInstanceOf(UsageException.class).hasMessageContaining("no service module for stage-filter");
        assertThatThrownBy(() -> ServiceCatalog.select(root, List.of("stage-x"))).hasMessageContaining("unknown service 'stage-x'");
    }

    @Test
    void eachPlatformKeepsItsStagesKafkaStreamsStateInItsOwnHome(@TempDir Path root) {
        ServiceSpec dedupe = ServiceCatalog.byName("stage-dedupe");
        Map<String, String> infra = Map.of("PG_HOST", "127.0.0.1", "PG_PORT", "5432");
        String first = ServiceEnvironment.of(dedupe, 8082, infra, new PlatformPaths(root, root.resolve("a")), false)
                .get("STAGE_STATE_DIR");
        String second = ServiceEnvironment.of(dedupe, 8082, infra, new PlatformPaths(root, root.resolve("b")), false)
                .get("STAGE_STATE_DIR");

        assertThat(Path.of(first)).startsWithRaw(root.resolve("a"));
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aParentPomUnderLibsIsNeverStale(@TempDir Path root) throws Exception {
        Path parent = root.resolve("libs/stage-parent");
        Files.createDirectories(parent);
        Files.writeString(parent.resolve("pom.xml"), "<project><packaging>pom</packaging></project>");
        Path lib = root.resolve("libs/stage-runtime");
        Files.createDirectories(lib.resolve("src/main/java"));
        Files.writeString(lib.resolve("pom.xml"), "<project/>");

        assertThat(BuildCheck.staleModules(root, List.of())).containsExactly("libs/stage-runtime");
        Files.createDirectories(lib.resolve("target"));
        Files.writeString(lib.resolve("target/stage-runtime.jar"), "");
        Files.setLastModifiedTime(lib.resolve("pom.xml"), FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        assertThat(BuildCheck.staleModules(root, List.of())).isEmpty();
    }

    @Test
    void aServiceIsStaleWhenItsClasspathFileIsMissingOrOlderThanASource(@TempDir Path root) throws Exception {
        Path module = root.resolve("stage-dedupe");
        Path source = module.resolve("src/main/java/io/x/Application.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class Application {}");
        Files.writeString(module.resolve("pom.xml"), "<project/>");
        ServiceSpec dedupe = ServiceCatalog.byName("stage-dedupe");
        assertThat(BuildCheck.staleModules(root, List.of(dedupe))).containsExactly("stage-dedupe");

        Files.createDirectories(module.resolve("target/classes"));
        Path cp = module.resolve("target/runtime-classpath.txt");
        Files.writeString(cp, "");
        Files.setLastModifiedTime(source, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Files.setLastModifiedTime(module.resolve("pom.xml"), FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        assertThat(BuildCheck.staleModules(root, List.of(dedupe))).isEmpty();

        Files.setLastModifiedTime(source, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(BuildCheck.staleModules(root, List.of(dedupe))).containsExactly("stage-dedupe");
    }

    @Test
    void oidcConfigGivesEachDemoUserItsRolesByPasswordGrantAndByLoginForm() throws Exception {
        JsonNode config = new ObjectMapper().readTree(OidcConfig.json());
        assertThat(config.get("interactiveLogin").asBoolean()).isTrue();
        JsonNode mappings = config.get("tokenCallbacks").get(0).get("requestMappings");
        assertThat(config.get("tokenCallbacks").get(0).get("issuerId").asText()).isEqualTo("etl");
        assertThat(mappings).hasSize(4);
        JsonNode writerByLogin = mappings.get(3);
        assertThat(writerByLogin.get("requestParam").asText()).isEqualTo("subject");
        assertThat(writerByLogin.get("match").asText()).isEqualTo("writer");
        assertThat(writerByLogin.at("/claims/realm_access/roles").toString()).isEqualTo("[\"rules-reader\",\"rules-writer\"]");
        assertThat(mappings.get(0).at("/claims/realm_access/roles").toString()).isEqualTo("[\"rules-reader\"]");
        assertThat(mappings.get(0).at("/claims/aud/0").asText()).isEqualTo("rules-api");
    }
}
