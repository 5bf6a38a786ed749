package io.platform.etl.k8s.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PrometheusRule's groups through Prometheus' own checker and its rule unit tests
 * ({@code src/test/resources/promtool/alerts.test.yml}: every alert fires on its condition and not below it).
 */
class PrometheusRulesTest {

    private static final Path K8S = Path.of(System.getProperty("k8s.dir", ".."));
    private static Path dir;

    @BeforeAll
    static void writeRuleFile() throws IOException {
        dir = Files.createDirectories(Path.of("target/promtool"));
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode rule = yaml.readTree(K8S.resolve("base/monitoring/prometheusrule.yaml").toFile());
        yaml.writeValue(dir.resolve("etl-platform.rules.yml").toFile(), rule.path("spec"));
        try (InputStream tests = PrometheusRulesTest.class.getResourceAsStream("/promtool/alerts.test.yml")) {
            Files.copy(tests, dir.resolve("alerts.test.yml"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        Promtool.Result result = Promtool.run(dir, "check", "rules", "etl-platform.rules.yml");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void everyAlertPassesItsPromtoolUnitTests() throws Exception {
        Promtool.Result result = Promtool.run(dir, "test", "rules", "alerts.test.yml");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void everyAlertHasAUnitTest() throws Exception {
        String tests = Files.readString(dir.resolve("alerts.test.yml"));
        for (String alert : AlertNames.in(K8S.resolve("base/monitoring/prometheusrule.yaml"))) {
            assertThat(tests).as("a promtool unit test for %s", alert).contains("alertname: " + alert + "\n");
        }
    }
}
