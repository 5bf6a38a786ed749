package io.platform.etl.k8s.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The alert names and rule expressions of a PrometheusRule file. */
final class AlertNames {

    private AlertNames() {
    }

    static List<String> in(Path prometheusRule) throws IOException {
        List<String> names = new ArrayList<>();
        for (JsonNode rule : rules(prometheusRule)) {
            if (rule.has("alert")) {
                names.add(rule.path("alert").asText());
            }
        }
        return names;
    }

    static List<String> expressions(Path prometheusRule) throws IOException {
        List<String> exprs = new ArrayList<>();
        rules(prometheusRule).forEach(r -> exprs.add(r.path("expr").asText()));
        return exprs;
    }

    private static List<JsonNode> rules(Path prometheusRule) throws IOException {
        JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(prometheusRule.toFile()).path("spec");
        List<JsonNode> rules = new ArrayList<>();
        spec.path("groups").forEach(g -> g.path("rules").forEach(rules::add));
        return rules;
    }
}
