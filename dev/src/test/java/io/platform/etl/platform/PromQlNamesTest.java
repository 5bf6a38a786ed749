package io.platform.etl.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlNamesTest {

    @Test
    void findsMetricNamesButNotFunctionsLabelsDurationsVariablesOrRecordingRules() {
        assertThat(PromQlNames.in("sum by (namespace, stage) (rate(throughput_total{stage=\"x\"}[5m])) > 0"
                + " and on (stage) stage:throughput:rate5m offset 10m"))
                .containsExactly("throughput_total");
        assertThat(PromQlNames.in("(time() - max by (namespace) (max_over_time(export_last_success_timestamp_seconds[27h])))"
                + " > 26 * 3600 or absent_over_time(export_last_success_timestamp_seconds[27h])"))
                .containsExactly("export_last_success_timestamp_seconds");
        assertThat(PromQlNames.in("histogram_quantile(0.99, sum by (stage, le) (rate(processing_latency_seconds_bucket"
                + "{namespace=~\"$namespace\"}[$__rate_interval])))")).containsExactly("processing_latency_seconds_bucket");
    }
}
