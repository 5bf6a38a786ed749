package io.platform.etl.exporter.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.platform.etl.exporter.config.MetricsPushProperties;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes the export_* metrics to a Prometheus Pushgateway (PUT of the text exposition format, replacing the
 * job's group), for the once mode whose pod is gone before any scrape.
 */
@Singleton
public class PushgatewayClient {

    private static final Logger LOG = LoggerFactory.getLogger(PushgatewayClient.class);

    private final MetricsPushProperties props;
    private final Optional<PrometheusMeterRegistry> prometheus;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public PushgatewayClient(MetricsPushProperties props, Optional<PrometheusMeterRegistry> prometheus) {
        this.props = props;
        this.prometheus = prometheus;
    }

    public boolean enabled() {
        return props.pushgatewayUrl() != null && !props.pushgatewayUrl().isBlank() && prometheus.isPresent();
    }

    /** Pushes; returns false (and logs) when the gateway cannot be reached: the export's outcome stands. */
    public boolean push() {
        if (!enabled()) {
            return false;
        }
        String body = exportMetrics(prometheus.orElseThrow().scrape());
        URI uri = URI.create(props.pushgatewayUrl().replaceAll("/+$", "") + "/metrics/job/"
                + URLEncoder.encode(props.job(), StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                            .PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                LOG.warn("Pushgateway {} answered {}: {}", uri, response.statusCode(), response.body());
                return false;
            }
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("Could not push metrics to {}: {}", uri, e.toString());
            return false;
        }
    }

    /** Keeps only the export_* families (HELP/TYPE comments included) of a scrape. */
    static String exportMetrics(String scrape) {
        return scrape.lines()
                .filter(l -> l.startsWith("export_") || l.startsWith("# HELP export_") || l.startsWith("# TYPE export_"))
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
