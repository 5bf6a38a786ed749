package io.platform.etl.platform;

import io.platform.etl.platform.config.PortPlan;
import io.platform.etl.platform.state.EnvFile;
import io.platform.etl.testkit.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The one platform the launcher's integration tests share (one per test JVM, started by the first test class that
 * asks, in a temporary state directory on free offset ports): the real {@code ./platform up} with real Keycloak and
 * {@code --monitoring}, rules-api, stage-filter and price-exporter, demo traffic at a low rate. {@link PlatformDownIT}
 * stops it last; a shutdown hook runs {@code down} too, should a run end early.
 */
final class SharedPlatform {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final List<String> SERVICES = List.of("rules-api", "stage-filter", "price-exporter");

    private static SharedPlatform instance;

    final Path home = createHome();
    final int offset = freeOffset();
    final PortPlan ports = new PortPlan(offset);
    final Result up;

    record Result(int code, String output) {
    }

    private SharedPlatform() throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(this::downQuietly, "shared-platform-down"));
        up = run(900, "up", "--no-build", "--monitoring", "--rate", "5", "--services", String.join(",", SERVICES));
    }

    static synchronized SharedPlatform get() throws Exception {
        if (instance == null) {
            instance = new SharedPlatform();
        }
        return instance;
    }

    Map<String, String> env() {
        return EnvFile.read(home.resolve("env"));
    }

    Map<String, String> infraEnv() {
        return EnvFile.read(home.resolve("infra.env"));
    }

    Result run(int timeoutSeconds, String... args) throws Exception {
        Process p = start(args);
        var output = readAll(p);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("./platform " + String.join(" ", args) + " took more than " + timeoutSeconds + " s");
        }
        return new Result(p.exitValue(), output.get(10, TimeUnit.SECONDS));
    }

    Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("platform").toString()));
        command.addAll(List.of(args));
        return bash(command);
    }

    /** A command line run by bash in the repository root with this platform's home and offset (e.g. README's curl). */
    Process bash(List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("PLATFORM_HOME", home.toString());
        pb.environment().put("PLATFORM_PORT_OFFSET", Integer.toString(offset));
        // Keycloak unpacked and augmented once per build tree, not once per temporary home.
        pb.environment().put("PLATFORM_KEYCLOAK_DIR", ROOT.resolve("dev/target/keycloak-it").toString());
        // A shared two-core machine: Keycloak beside the services was seen to take 3 minutes under load 20.
        pb.environment().put("PLATFORM_TIMEOUT", "600");
        // The exporter's run metrics (export_runs_total, export_duration_seconds) exist after its first run: every 15 s.
        pb.environment().put("EXPORT_CRON", "*/15 * * * * *");
        return pb.start();
    }

    static CompletableFuture<String> readAll(Process p) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
    }

    private void downQuietly() {
        try {
            if (Files.exists(home.resolve("pids"))) {
                run(180, "down");
            }
            try (var files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        } catch (Exception e) {
            System.err.println("shared platform: down failed: " + e);
        }
    }

    private static Path createHome() {
        try {
            return Files.createTempDirectory("platform-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An offset whose infrastructure, service and Prometheus ports are all free now, every one of them below the
     * kernel's ephemeral range (32768 and up): a port the kernel hands out meanwhile (Kafka's, a client's) cannot take
     * one of them between this check and Keycloak's bind half a minute later.
     */
    private static int freeOffset() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int offset = ThreadLocalRandom.current().nextInt(1_000, 13_000);
            PortPlan plan = new PortPlan(offset);
            if (IntStream.of(plan.postgres(), plan.redis(), plan.oidc(), plan.s3(), plan.prometheus(),
                    plan.service(8080), plan.service(8081), plan.service(8082), plan.service(8083), plan.service(8084),
                    plan.service(8085)).allMatch(FreePort::isFree)) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port offset found");
    }
}
