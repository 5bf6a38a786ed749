package io.platform.etl.platform.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files {@code up --monitoring} gives Prometheus: the deployed rules with local timings only, and a scrape config
 * with the ServiceMonitors' labels; both accepted by Prometheus' own {@code promtool} (Debian {@code prometheus}).
 */
class LocalPrometheusFilesTest {

    private static final Path RULE = Path.of("..", "k8s/base/monitoring/prometheusrule.yaml");
    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    Path dir;

    @Test
    void localRulesKeepEveryExpressionAndShortenOnlyIntervalsAndPendingTimes() throws Exception {
        JsonNode deployed = YAML.readTree(RULE.toFile()).path("spec").path("groups");
        JsonNode local = YAML.readTree(LocalRules.render(RULE, Duration.ofSeconds(5), Duration.ofSeconds(10)))
                .path("groups");

        assertThat(local).hasSameSizeAs(deployed);
        assertThat(expressions(local)).isEqualTo(expressions(deployed)).contains("sum by (namespace, stage) (error_rate) > 0.05");
        local.forEach(g -> {
            assertThat(g.path("interval").asText()).isEqualTo("5s");
            g.path("rules").forEach(r -> assertThat(r.path("for").asText("10s")).isEqualTo("10s"));
        });
    }

    @Test
    void promtoolAcceptsTheGeneratedRulesAndConfig() throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.yml"),
                LocalRules.render(RULE, LocalPrometheus.INTERVAL, LocalPrometheus.PENDING_FOR));
        Path config = Files.writeString(dir.resolve("prometheus.yml"), PrometheusConfig.render(List.of(
                new PrometheusConfig.Target("rules-api", 8080), new PrometheusConfig.Target("stage-filter", 8081)),
                rules, LocalPrometheus.INTERVAL));

        assertThat(promtool("check", "rules", rules.toString())).contains("SUCCESS: 10 rules found");
        assertThat(promtool("check", "config", config.toString())).contains("SUCCESS");
        assertThat(Files.readString(config)).contains("metrics_path: \"/prometheus\"", "127.0.0.1:8081",
                "namespace: \"local\"", "pod: \"stage-filter\"");
    }

    private static List<String> expressions(JsonNode groups) {
        List<String> exprs = new ArrayList<>();
        groups.forEach(g -> g.path("rules").forEach(r -> exprs.add(r.path("expr").asText())));
        return exprs;
    }

    private static String promtool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
