package io.platform.etl.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.etl.platform.config.PortPlan;
import io.platform.etl.platform.state.EnvFile;
import io.platform.etl.platform.state.PidFile;
import io.platform.etl.testkit.FreePort;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real {@code ./platform} script end to end, kept affordable: the embedded infrastructure plus one skeleton
 * service (stage-dedupe), no demo data, in a temporary state directory and on offset ports so it never meets a
 * developer's running platform; with the stand-in OIDC provider ({@code --fast-auth}), as Keycloak's path is covered
 * by {@code KeycloakDistTest} and rules-api's {@code KeycloakIT}. A full {@code up} of all six services with Keycloak
 * is measured by hand (see the ADRs).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformLauncherIT {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    // One state directory for the whole class (a @TempDir field would be a new one per test method).
    private final Path home = createHome();
    private final int offset = freeOffset();
    private final PortPlan ports = new PortPlan(offset);
    private List<PidFile> recorded = List.of();

    @Test
    @Order(1)
    void upStartsInfraAndTheServiceAndWritesTheEndpoints() throws Exception {
        Result up = platform(300, "up", "--no-demo", "--no-build", "--fast-auth", "--services", "stage-dedupe");
        assertThat(up.code()).as(up.output()).isZero();
        assertThat(up.output()).contains("kafka … ready in", "postgres … ready in", "stage-dedupe … healthy in",
                "geo-service stand-in on 127.0.0.1:", "all healthy in");

        int dedupePort = ports.service(8082);
        Map<String, String> env = EnvFile.read(home.resolve("env"));
        assertThat(env).containsEntry("STAGE_DEDUPE_HEALTH", "http://127.0.0.1:" + dedupePort + "/health")
                .containsEntry("RULES_DB_URL", "jdbc:postgresql://127.0.0.1:" + ports.postgres() + "/rules")
                .containsEntry("REDIS_URI", "redis://127.0.0.1:" + ports.redis())
                .containsEntry("S3_ENDPOINT", "http://127.0.0.1:" + ports.s3())
                .containsEntry("PLATFORM_PORT_OFFSET", Integer.toString(offset))
                .containsKey("KAFKA_BOOTSTRAP_SERVERS");
        assertThat(env.get("OIDC_ISSUER")).endsWith(":" + ports.oidc() + "/etl");
        assertThat(env.get("OIDC_PROVIDER")).startsWith("stand-in");
        assertThat(get("http://127.0.0.1:" + dedupePort + "/health")).contains("\"status\":\"UP\"");
        recorded = PidFile.readAll(home.resolve("pids"));
        assertThat(recorded).extracting(PidFile::component).containsExactly("stage-dedupe", "infra");
        assertThat(recorded).allMatch(PidFile::alive);
    }

    @Test
    @Order(2)
    void statusTokenAndASecondUpSeeTheRunningPlatform() throws Exception {
        Result status = platform(60, "status");
        assertThat(status.code()).as(status.output()).isZero();
        assertThat(status.output()).containsPattern("stage-dedupe\\s+\\d+\\s+alive\\s+" + ports.service(8082) + "\\s+UP");

        Result token = platform(60, "token", "writer");
        assertThat(token.code()).as(token.output()).isZero();
        String payload = new String(Base64.getUrlDecoder().decode(token.output().strip().split("\\.")[1]),
                StandardCharsets.UTF_8);
        assertThat(payload).contains("\"rules-writer\"", "\"preferred_username\":\"writer\"", "\"rules-api\"");

        Result again = platform(60, "up", "--no-demo", "--no-build", "--fast-auth", "--services", "stage-dedupe");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.output()).contains("already running: pids stage-dedupe=", "./platform down first");
    }

    @Test
    @Order(3)
    void watchShowsTheStartedStageAndTailPrintsARecordAsItArrives() throws Exception {
        Result watch = platform(120, "watch", "--once");
        assertThat(watch.code()).as(watch.output()).isZero();
        assertThat(watch.output()).contains("STAGE", "IN/s", "P99 ms")
                .containsPattern("deduplicate\\s+0\\.0\\s+0\\.0\\s+0\\s+0\\s")
                .doesNotContain("filter");

        Process tail = start("tail", "user.events.raw", "-n", "1");
        var output = readAll(tail);
        String bootstrap = EnvFile.read(home.resolve("infra.env")).get("KAFKA_BOOTSTRAP_SERVERS");
        // tail reads from the end: keep producing until it has printed one record and exited
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(Map.of(
                "bootstrap.servers", bootstrap), new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            for (int i = 0; i < 600 && tail.isAlive(); i++) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("user.events.raw", "user-1",
                        "{\"event_id\":\"it-" + i + "\",\"user_id\":\"user-1\"}")).get();
                tail.waitFor(200, TimeUnit.MILLISECONDS);
            }
        }
        assertThat(tail.waitFor(10, TimeUnit.SECONDS)).as("tail -n 1 exits after one record").isTrue();
        assertThat(tail.exitValue()).isZero();
        assertThat(output.get(10, TimeUnit.SECONDS)).contains("── user.events.raw · partition ", "key user-1",
                "\"user_id\" : \"user-1\"");
    }

    @Test
    @Order(4)
    void downStopsEveryRecordedProcessAndFreesEveryPort() throws Exception {
        Map<String, String> portsFile = EnvFile.read(home.resolve("ports.env"));
        Result down = platform(120, "down");
        assertThat(down.code()).as(down.output()).isZero();
        assertThat(down.output()).contains("none left");
        assertThat(recorded).isNotEmpty().noneMatch(PidFile::alive);
        assertThat(portsFile.values()).hasSize(6).allMatch(p -> FreePort.isFree(Integer.parseInt(p)));
        assertThat(PidFile.readAll(home.resolve("pids"))).isEmpty();
        assertThat(platform(60, "status").code()).isEqualTo(3);
    }

    @AfterAll
    void leaveNothingRunning() throws Exception {
        platform(120, "down");
        PidFile.readAll(home.resolve("pids")).forEach(p -> p.process().ifPresent(ProcessHandle::destroyForcibly));
        try (var files = java.nio.file.Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static Path createHome() {
        try {
            return java.nio.file.Files.createTempDirectory("platform-it-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record Result(int code, String output) {
    }

    private Result platform(int timeoutSeconds, String... args) throws Exception {
        Process p = start(args);
        var output = readAll(p);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("./platform " + String.join(" ", args) + " took more than " + timeoutSeconds + " s");
        }
        return new Result(p.exitValue(), output.get(10, TimeUnit.SECONDS));
    }

    private Process start(String... args) throws java.io.IOException {
        List<String> command = new java.util.ArrayList<>(List.of(ROOT.resolve("platform").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("PLATFORM_HOME", home.toString());
        pb.environment().put("PLATFORM_PORT_OFFSET", Integer.toString(offset));
        return pb.start();
    }

    private static java.util.concurrent.CompletableFuture<String> readAll(Process p) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return e.toString();
            }
        });
    }

    private static String get(String url) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    /** An offset whose PostgreSQL, Redis, OIDC, S3 and service ports are all free now. */
    private static int freeOffset() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int offset = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            PortPlan plan = new PortPlan(offset);
            if (IntStream.of(plan.postgres(), plan.redis(), plan.oidc(), plan.s3(), plan.service(8080), plan.service(8081),
                    plan.service(8082), plan.service(8083), plan.service(8084), plan.service(8085)).allMatch(FreePort::isFree)) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port offset found");
    }
}
