package io.platform.etl.platform.watch;

import java.util.Map;

/** One sample line of the Prometheus text format: {@code name{labels} value}. */
public record MetricSample(String name, Map<String, String> labels, double value) {

    public MetricSample {
        labels = Map.copyOf(labels);
    }

    public String label(String key) {
        return labels.get(key);
    }
}
