package io.platform.etl.platform.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void readsAStageScrapeAsTheStageServesIt() throws IOException {
        List<MetricSample> samples = PrometheusText.parse(fixture("/prometheus-filter.txt"));

        assertThat(samples).filteredOn(s -> s.name().equals("throughput_total"))
                .extracting(s -> s.label("status"), MetricSample::value)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("filtered", 127.0),
                        org.assertj.core.groups.Tuple.tuple("passed", 128.0));
        assertThat(samples).filteredOn(s -> s.name().equals("processing_latency_seconds_bucket")).hasSize(100)
                .last().satisfies(s -> assertThat(s.label("le")).isEqualTo("+Inf"));
        assertThat(samples).filteredOn(s -> s.name().equals("rules_version")).singleElement()
                .satisfies(s -> assertThat(s.labels()).containsEntry("kind", "filter"));
    }

    @Test
    void skipsCommentsAndBlankLinesAndIgnoresTimestamps() {
        List<MetricSample> samples = PrometheusText.parse("""
                # HELP up whether it is up
                # TYPE up gauge

                up 1 1700000000000
                """);
        assertThat(samples).containsExactly(new MetricSample("up", Map.of(), 1.0));
    }

    @Test
    void unescapesLabelValuesAndReadsSpecialNumbers() {
        MetricSample s = PrometheusText.line("m{path=\"C:\\\\dir\",msg=\"say \\\"hi\\\"\\nbye\",le=\"+Inf\",} +Inf");
        assertThat(s.labels()).containsEntry("path", "C:\\dir").containsEntry("msg", "say \"hi\"\nbye")
                .containsEntry("le", "+Inf");
        assertThat(s.value()).isInfinite();
        assertThat(PrometheusText.line("m NaN").value()).isNaN();
        assertThat(PrometheusText.line("m -Inf").value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(PrometheusText.line("m{a=\"x\"} 1.5E-5").value()).isEqualTo(1.5e-5);
    }

    @Test
    void skipsALineItCannotReadAndKeepsTheRest() {
        List<MetricSample> samples = PrometheusText.parse("""
                good 1
                broken{a="unterminated 2
                {nameless="x"} 3
                notanumber abc
                also_good{x="y"} 4
                """);
        assertThat(samples).extracting(MetricSample::name).containsExactly("good", "also_good");
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = PrometheusTextTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
