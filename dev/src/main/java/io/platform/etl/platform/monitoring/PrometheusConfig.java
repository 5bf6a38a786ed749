package io.platform.etl.platform.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code prometheus.yml} of {@code up --monitoring}: one job per running service scraping its {@code /prometheus},
 * with the labels the Kubernetes ServiceMonitors give ({@code namespace}, {@code pod}, {@code job}), so the alert
 * rules and the dashboard's queries work unchanged.
 */
public final class PrometheusConfig {

    /** The {@code namespace} label of every local series (the dashboards filter on it). */
    public static final String NAMESPACE = "local";

    /** A service to scrape: its name (the job) and HTTP port. */
    public record Target(String job, int port) {
    }

    private PrometheusConfig() {
    }

    public static String render(List<Target> targets, Path rulesFile, Duration interval) {
        Map<String, Object> global = new LinkedHashMap<>();
        global.put("scrape_interval", duration(interval));
        global.put("evaluation_interval", duration(interval));
        List<Map<String, Object>> jobs = targets.stream().map(t -> {
            Map<String, Object> job = new LinkedHashMap<>();
            job.put("job_name", t.job());
            job.put("metrics_path", "/prometheus");
            job.put("static_configs", List.of(Map.of("targets", List.of("127.0.0.1:" + t.port()),
                    "labels", Map.of("namespace", NAMESPACE, "pod", t.job()))));
            return job;
        }).toList();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("global", global);
        config.put("rule_files", List.of(rulesFile.toString()));
        config.put("scrape_configs", jobs);
        try {
            return new YAMLMapper().writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Prometheus duration: whole seconds ({@code 5s}). */
    static String duration(Duration d) {
        return d.toSeconds() + "s";
    }
}
