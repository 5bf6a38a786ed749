package io.platform.etl.k8s.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every metric the alerts and the Grafana dashboard query is one the services register (see ExportedMeters). */
class MetricNamesTest {

    private static final Path K8S = Path.of(System.getProperty("k8s.dir", ".."));
    private static final Set<String> EXPORTED = ExportedMeters.prometheusNames(K8S.resolve(".."));

    @Test
    void everyAlertQueriesExportedMetrics() throws IOException {
        for (String expr : AlertNames.expressions(K8S.resolve("base/monitoring/prometheusrule.yaml"))) {
            assertThat(EXPORTED).as("metrics of %s", expr).containsAll(PromQlNames.in(expr));
        }
    }

    @Test
    void everyDashboardPanelQueriesExportedMetrics() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(
                K8S.resolve("base/monitoring/dashboards/etl-platform.json").toFile());
        List<String> exprs = new ArrayList<>();
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
        assertThat(exprs).hasSizeGreaterThanOrEqualTo(8);
        for (String expr : exprs) {
            assertThat(PromQlNames.in(expr)).as("metrics of %s", expr).isNotEmpty();
            assertThat(EXPORTED).as("metrics of %s", expr).containsAll(PromQlNames.in(expr));
        }
    }

    @Test
    void extractsMetricNamesButNotFunctionsLabelsOrRecordingRules() {
        assertThat(PromQlNames.in("sum by (namespace, stage) (rate(throughput_total{stage=\"x\"}[5m])) > 0"
                + " and on (stage) stage:throughput:rate5m offset 10m"))
                .containsExactly("throughput_total");
    }

    @Test
    void aTypoInAMetricNameIsNotExported() {
        assertThat(EXPORTED).contains("throughput_total", "processing_latency_seconds_bucket", "error_rate",
                "rules_outbox_lag_seconds", "export_failed_total").doesNotContain("throughput", "error_rates_total");
    }
}
