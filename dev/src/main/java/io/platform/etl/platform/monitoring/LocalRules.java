package io.platform.etl.platform.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The alert and recording rules of {@code k8s/base/monitoring/prometheusrule.yaml} (the PrometheusRule's
 * {@code spec.groups}) as a plain Prometheus rules file, with local timings (ADR 0425): every group evaluated every
 * {@code interval} and every {@code for:} shortened to {@code pendingFor}, so an alert fires within seconds instead of
 * minutes. Expressions stay exactly as deployed.
 */
public final class LocalRules {

    private static final YAMLMapper YAML = new YAMLMapper();

    private LocalRules() {
    }

    public static String render(Path prometheusRule, Duration interval, Duration pendingFor) {
        try {
            JsonNode groups = YAML.readTree(prometheusRule.toFile()).path("spec").path("groups");
            if (!groups.isArray() || groups.isEmpty()) {
                throw new IllegalStateException(prometheusRule + " has no spec.groups");
            }
            ArrayNode local = groups.deepCopy();
            for (JsonNode group : local) {
                ((ObjectNode) group).put("interval", PrometheusConfig.duration(interval));
                for (JsonNode rule : group.path("rules")) {
                    if (rule.has("for")) {
                        ((ObjectNode) rule).put("for", PrometheusConfig.duration(pendingFor));
                    }
                }
            }
            ObjectNode file = YAML.createObjectNode();
            file.set("groups", local);
            return YAML.writeValueAsString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + prometheusRule, e);
        }
    }
}
