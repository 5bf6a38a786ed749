package io.platform.etl.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platform.etl.platform.config.PortPlan;
import io.platform.etl.platform.health.EndpointReport;
import io.platform.etl.platform.health.TextTable;
import io.platform.etl.platform.service.ServiceCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportFormattingTest {

    private static final Map<String, String> INFRA = Map.ofEntries(
            Map.entry("PG_HOST", "127.0.0.1"), Map.entry("PG_PORT", "15432"), Map.entry("PG_USER", "postgres"),
            Map.entry("PG_PASSWORD", "postgres"), Map.entry("REDIS_URI", "redis://127.0.0.1:16379"),
            Map.entry("KAFKA_BOOTSTRAP_SERVERS", "localhost:40001"), Map.entry("OIDC_ISSUER", "http://localhost:18080/etl"),
            Map.entry("OIDC_TOKEN_ENDPOINT", "http://localhost:18080/etl/token"),
            Map.entry("OIDC_JWKS_URI", "http://localhost:18080/etl/jwks"), Map.entry("S3_ENDPOINT", "http://127.0.0.1:19000"),
            Map.entry("S3_REGION", "us-east-1"), Map.entry("S3_ACCESS_KEY", "platform-access"),
            Map.entry("S3_SECRET_KEY", "platform-secret"));

    @Test
    void tablePadsColumnsToTheWidestCell() {
        String table = TextTable.render(List.of("A", "LONG HEADER"), List.of(List.of("wide cell", "x"), List.of("b", "y")));
        assertThat(table).isEqualTo("""
                A          LONG HEADER
                ---------  -----------
                wide cell  x
                b          y
                """);
    }

    @Test
    void tableRejectsRowsOfTheWrongWidth() {
        assertThatThrownBy(() -> TextTable.render(List.of("A", "B"), List.of(List.of("1")))).hasMessageContaining("1 cells");
    }

    @Test
    void reportListsSwaggerHealthMetricsAndInfrastructureWithOffsetPorts() {
        var services = List.of(ServiceCatalog.byName("rules-api"), ServiceCatalog.byName("stage-dedupe"));
        EndpointReport report = EndpointReport.of(services, new PortPlan(100), INFRA);
        Map<String, String> env = report.env();
        assertThat(env).containsEntry("SWAGGER_UI", "http://localhost:8180/swagger-ui/index.html")
                .containsEntry("RULES_API_HEALTH", "http://127.0.0.1:8180/health")
                .containsEntry("STAGE_DEDUPE_PROMETHEUS", "http://127.0.0.1:8182/prometheus")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "localhost:40001")
                .containsEntry("CATALOG_DB_URL", "jdbc:postgresql://127.0.0.1:15432/catalog")
                .containsEntry("S3_BUCKET", "price-lists")
                .containsEntry("DEMO_USER_WRITER_ROLES", "rules-reader,rules-writer")
                .containsEntry("TOKEN_COMMAND", "./platform token writer")
                .containsEntry("PLATFORM_PORT_OFFSET", "100");
        assertThat(env).doesNotContainKey("STAGE_DEDUPE_SWAGGER_UI");
        assertThat(report.table()).contains("rules-api     Swagger UI").contains("http://127.0.0.1:8182/health")
                .startsWith("COMPONENT");
    }
}
