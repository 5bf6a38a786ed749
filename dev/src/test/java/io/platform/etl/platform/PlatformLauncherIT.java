package io.platform.etl.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.etl.platform.state.PidFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The real {@code ./platform} script end to end on the shared platform ({@link SharedPlatform}: real Keycloak,
 * rules-api, stage-filter, price-exporter, Prometheus), on offset ports in a temporary state directory so it never
 * meets a developer's running platform. {@link PlatformDownIT} checks {@code down} after every other class.
 */
@Order(1)
class PlatformLauncherIT {

    private final SharedPlatform platform = SharedPlatform.get();

    PlatformLauncherIT() throws Exception {
    }

    @Test
    void upStartsInfraKeycloakEveryServiceAndPrometheusAndWritesTheEndpoints() throws Exception {
        SharedPlatform.Result up = platform.up;
        assertThat(up.code()).as(up.output()).isZero();
        assertThat(up.output()).contains("kafka … ready in", "postgres … ready in", "keycloak | ",
                "stage-filter … healthy", "rules-api … healthy", "geo-service stand-in on 127.0.0.1:",
                "monitoring: prometheus", "all healthy in");
        assertThat(up.output()).containsPattern("infra: PostgreSQL, Redis, Kafka, S3 ready [0-9.]+ s since start")
                .containsPattern("infra: keycloak ready [0-9.]+ s since start \\(infra JVM and its children: [0-9.]+ s CPU")
                .containsPattern("rules-api … healthy [0-9.]+ s since start, [0-9.]+ s CPU");

        var ports = platform.ports;
        Map<String, String> env = platform.env();
        assertThat(env).containsEntry("STAGE_FILTER_HEALTH", "http://127.0.0.1:" + ports.service(8081) + "/health")
                .containsEntry("RULES_DB_URL", "jdbc:postgresql://127.0.0.1:" + ports.postgres() + "/rules")
                .containsEntry("REDIS_URI", "redis://127.0.0.1:" + ports.redis())
                .containsEntry("S3_ENDPOINT", "http://127.0.0.1:" + ports.s3())
                .containsEntry("PROMETHEUS_URL", "http://127.0.0.1:" + ports.prometheus())
                .containsEntry("PLATFORM_PORT_OFFSET", Integer.toString(platform.offset))
                .containsKey("KAFKA_BOOTSTRAP_SERVERS");
        assertThat(env.get("OIDC_ISSUER")).isEqualTo("http://localhost:" + ports.oidc() + "/realms/etl");
        assertThat(env.get("OIDC_PROVIDER")).startsWith("Keycloak");
        assertThat(get("http://127.0.0.1:" + ports.service(8081) + "/health")).contains("\"status\":\"UP\"");
        assertThat(PidFile.readAll(platform.home.resolve("pids"))).extracting(PidFile::component)
                .containsExactlyInAnyOrder("infra", "rules-api", "stage-filter", "price-exporter", "prometheus")
                .hasSize(5);
        assertThat(PidFile.readAll(platform.home.resolve("pids"))).allMatch(PidFile::alive);
    }

    @Test
    void statusTokenAndASecondUpSeeTheRunningPlatform() throws Exception {
        SharedPlatform.Result status = platform.run(60, "status");
        assertThat(status.code()).as(status.output()).isZero();
        assertThat(status.output())
                .containsPattern("stage-filter\\s+\\d+\\s+alive\\s+" + platform.ports.service(8081) + "\\s+UP")
                .containsPattern("prometheus\\s+\\d+\\s+alive\\s+" + platform.ports.prometheus() + "\\s+UP");

        SharedPlatform.Result token = platform.run(60, "token", "writer");
        assertThat(token.code()).as(token.output()).isZero();
        String payload = new String(Base64.getUrlDecoder().decode(token.output().strip().split("\\.")[1]),
                StandardCharsets.UTF_8);
        assertThat(payload).contains("\"rules-writer\"", "\"preferred_username\":\"writer\"", "\"rules-api\"");

        SharedPlatform.Result again = platform.run(60, "up", "--no-build", "--services", "stage-filter");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.output()).contains("already running: pids ", "./platform down first");
    }

    @Test
    void watchShowsTheStartedStageAndTailPrintsARecordAsItArrives() throws Exception {
        SharedPlatform.Result watch = platform.run(120, "watch", "--once");
        assertThat(watch.code()).as(watch.output()).isZero();
        assertThat(watch.output()).contains("STAGE", "IN/s", "P99 ms").containsPattern("filter\\s+\\d")
                .doesNotContain("deduplicate");

        Process tail = platform.start("tail", "user.events.raw", "-n", "1");
        var output = SharedPlatform.readAll(tail);
        String bootstrap = platform.infraEnv().get("KAFKA_BOOTSTRAP_SERVERS");
        // tail reads from the end: keep producing until it has printed one record and exited
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 600 && tail.isAlive(); i++) {
                producer.send(new ProducerRecord<>("user.events.raw", "it-user",
                        "{\"event_id\":\"it-" + i + "\",\"user_id\":\"it-user\"}")).get();
                tail.waitFor(200, TimeUnit.MILLISECONDS);
            }
        }
        assertThat(tail.waitFor(10, TimeUnit.SECONDS)).as("tail -n 1 exits after one record").isTrue();
        assertThat(tail.exitValue()).isZero();
        assertThat(output.get(10, TimeUnit.SECONDS)).contains("── user.events.raw · partition ", "\"user_id\" : \"");
    }

    static String get(String url) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }
}
