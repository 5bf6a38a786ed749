package io.platform.etl.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code up --monitoring} against the shared platform: the local Prometheus scrapes the services, every metric the
 * alerts and the Grafana dashboard of {@code k8s/base/monitoring} read is in that live scrape, every dashboard query
 * evaluates, and a burst of unreadable records into the filter's input fires the error-rate alert.
 */
@Order(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitoringIT {

    private static final Path MONITORING = SharedPlatform.ROOT.resolve("k8s/base/monitoring");
    /** Series that come from the cluster, not from a service (kube-state-metrics, a k8s/README prerequisite). */
    private static final Set<String> CLUSTER_SERIES = Set.of("kube_job_status_failed");
    private static final Duration PATIENCE = Duration.ofMinutes(4);

    private final SharedPlatform platform = SharedPlatform.get();
    private final PrometheusApi prometheus = new PrometheusApi(platform.env().get("PROMETHEUS_URL"));

    MonitoringIT() throws Exception {
    }

    @Test
    @Order(1)
    void aBurstOfUnreadableRecordsIntoTheFiltersInputFiresTheHighErrorRateAlert() {
        String bootstrap = platform.infraEnv().get("KAFKA_BOOTSTRAP_SERVERS");
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap, "linger.ms", 20),
                new StringSerializer(), new StringSerializer())) {
            // error_rate is over the stage's last minute: keep the burst going until Prometheus says firing.
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                for (int i = 0; i < 200; i++) {
                    producer.send(new ProducerRecord<>("user.events.raw", "poison-" + i, "not json {" + i));
                }
                producer.flush();
                assertThat(alerts("firing")).contains("EtlHighErrorRate");
            });
        }
        JsonNode alert = StreamSupport.stream(prometheus.alerts().spliterator(), false)
                .filter(a -> a.path("labels").path("alertname").asText().equals("EtlHighErrorRate")).findFirst()
                .orElseThrow();
        assertThat(alert.path("labels").path("severity").asText()).isEqualTo("critical");
        assertThat(alert.path("labels").path("stage").asText()).contains("filter");
    }

    @Test
    @Order(2)
    void everyMetricOfTheAlertsAndTheDashboardIsInTheLiveScrapeOfTheServices() throws Exception {
        Set<String> wanted = new TreeSet<>();
        alertExpressions().forEach(e -> wanted.addAll(PromQlNames.in(e)));
        dashboardExpressions().forEach(e -> wanted.addAll(PromQlNames.in(e)));
        wanted.removeAll(CLUSTER_SERIES);
        assertThat(wanted).contains("throughput_total", "error_rate", "rules_outbox_lag_seconds", "export_runs_total");
        // The exporter's run metrics appear after its first scheduled run (EXPORT_CRON of SharedPlatform).
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Set<String> missing = new TreeSet<>(wanted);
            missing.removeAll(prometheus.metricNames());
            assertThat(missing).as("metrics the alerts or the dashboard read but no running service exports").isEmpty();
        });
    }

    @Test
    @Order(3)
    void everyDashboardPanelQueryEvaluatesAgainstTheLocalPrometheus() throws Exception {
        List<String> failed = new ArrayList<>();
        for (String expr : dashboardExpressions()) {
            // Grafana's variables as it fills them: all namespaces, $__rate_interval = 4 scrape intervals.
            String promql = expr.replace("$namespace", ".*").replace("$__rate_interval", "20s");
            JsonNode answer = prometheus.query(promql);
            if (!"success".equals(answer.path("status").asText())) {
                failed.add(promql + " → " + answer.path("error").asText(answer.toString()));
            }
        }
        assertThat(failed).isEmpty();
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(prometheus.query(
                "sum by (stage, status) (rate(throughput_total{namespace=~\".*\"}[20s]))").path("data").path("result"))
                .as("the throughput panel shows the demo traffic").isNotEmpty());
    }

    private Set<String> alerts(String state) {
        Set<String> names = new TreeSet<>();
        prometheus.alerts().forEach(a -> {
            if (a.path("state").asText().equals(state)) {
                names.add(a.path("labels").path("alertname").asText());
            }
        });
        return names;
    }

    private static List<String> alertExpressions() throws Exception {
        List<String> exprs = new ArrayList<>();
        new YAMLMapper().readTree(MONITORING.resolve("prometheusrule.yaml").toFile()).path("spec").path("groups")
                .forEach(g -> g.path("rules").forEach(r -> exprs.add(r.path("expr").asText())));
        assertThat(exprs).hasSizeGreaterThanOrEqualTo(8);
        return exprs;
    }

    private static List<String> dashboardExpressions() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(MONITORING.resolve("dashboards/etl-platform.json").toFile());
        List<String> exprs = new ArrayList<>();
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
        assertThat(exprs).hasSizeGreaterThanOrEqualTo(8);
        return exprs;
    }
}
