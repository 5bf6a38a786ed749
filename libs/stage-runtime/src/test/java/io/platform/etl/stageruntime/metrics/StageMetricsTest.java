package io.platform.etl.stageruntime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class StageMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StageMetrics metrics = new StageMetrics(registry, "filter");

    @Test
    void outcomeHandleCountsEveryRecordAndSamplesTheLatency() {
        Outcome passed = metrics.outcome("passed");
        Outcome filtered = metrics.outcome("filtered");
        for (int i = 0; i < 1000; i++) {
            (i % 4 == 0 ? filtered : passed).record(System.nanoTime());
        }
        assertThat(registry.get("throughput").tag("status", "passed").counter().count()).isEqualTo(750);
        assertThat(registry.get("throughput").tag("status", "filtered").counter().count()).isEqualTo(250);
        assertThat(registry.get("processing_latency").tag("stage", "filter").timer().count())
                .isEqualTo(750 / StageMetrics.LATENCY_SAMPLE + 1 + 250 / StageMetrics.LATENCY_SAMPLE + 1);
    }

    @Test
    void firstRecordOfAHandleIsAlwaysInTheLatencyHistogram() {
        metrics.outcome("passed").record(System.nanoTime());
        assertThat(registry.get("processing_latency").timer().count()).isEqualTo(1);
    }

    @Test
    void handlesOfOneStatusShareOneCounter() {
        metrics.outcome("passed").record(System.nanoTime());
        metrics.outcome("passed").record(System.nanoTime());
        metrics.outcome("passed", System.nanoTime());
        assertThat(registry.get("throughput").tag("status", "passed").counter().count()).isEqualTo(3);
    }

    @Test
    void deadLetteredCountsTheOutcomeAndTheErrorRate() {
        for (int i = 0; i < 10; i++) {
            metrics.received();
        }
        metrics.deadLettered("not_json", System.nanoTime());
        assertThat(registry.get("throughput").tag("status", "dlq").counter().count()).isEqualTo(1);
        assertThat(registry.get("error_rate").tag("error_type", "not_json").gauge().value()).isEqualTo(0.1);
    }
}
