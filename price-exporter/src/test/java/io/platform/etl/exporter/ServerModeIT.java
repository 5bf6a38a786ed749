package io.platform.etl.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.platform.etl.exporter.run.ExportScheduler;
import io.platform.etl.testkit.Component;
import io.platform.etl.testkit.PlatformPortsOccupied;
import io.platform.etl.testkit.TestInfra;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The long-running mode: HTTP health and Prometheus endpoints, and the cron-scheduled job. */
@MicronautTest
@ExtendWith(PlatformPortsOccupied.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerModeIT implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ApplicationContext context;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> infra = TestInfra.properties(this, Component.POSTGRES, Component.S3);
        Map<String, String> p = new HashMap<>(infra);
        String bucket = TestInfra.uniqueName("server");
        TestInfra.shared().s3().createBucket(bucket);
        p.put("exporter.storage.endpoint", infra.get("testkit.s3.endpoint"));
        p.put("exporter.storage.access-key", infra.get("testkit.s3.access-key"));
        p.put("exporter.storage.secret-key", infra.get("testkit.s3.secret-key"));
        p.put("exporter.storage.region", infra.get("testkit.s3.region"));
        p.put("exporter.storage.bucket", bucket);
        p.put("EXPORT_CRON", "0 30 5 * * MON-FRI");
        // Never the service's own port (8085): ./platform may be running beside the tests.
        p.put("micronaut.server.port", "-1");
        return p;
    }

    @Test
    void answersHealthUp() {
        Map<?, ?> health = client.toBlocking().retrieve("/health", Map.class);
        assertThat(health.get("status")).isEqualTo("UP");
    }

    @Test
    void exposesTheExportMetricsToPrometheus() {
        String metrics = client.toBlocking().retrieve("/prometheus");
        assertThat(metrics).contains("export_files_total", "export_failed_total", "export_rows_total",
                "jvm_memory_used_bytes");
    }

    @Test
    void schedulesTheExportOnTheConfiguredCron() throws Exception {
        assertThat(context.containsBean(ExportScheduler.class)).isTrue();
        assertThat(context.getProperty("exporter.cron", String.class)).contains("0 30 5 * * MON-FRI");
        Scheduled scheduled = ExportScheduler.class.getDeclaredMethod("tick").getAnnotation(Scheduled.class);
        assertThat(scheduled.cron()).isEqualTo("${exporter.cron}");
    }
}
