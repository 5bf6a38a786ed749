package io.platform.etl.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest
class HealthTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void answersHealthUp() {
        Map<?, ?> health = client.toBlocking().retrieve("/health", Map.class);
        assertThat(health.get("status")).isEqualTo("UP");
    }

    @Test
    void exposesPrometheusMetrics() {
        String metrics = client.toBlocking().retrieve("/prometheus");
        assertThat(metrics).contains("jvm_memory_used_bytes");
    }
}
