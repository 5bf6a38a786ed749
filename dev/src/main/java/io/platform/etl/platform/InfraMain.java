package io.platform.etl.platform;

import io.platform.etl.platform.infra.DemoTraffic;
import io.platform.etl.platform.infra.EnrichDemo;
import io.platform.etl.platform.infra.InfraComponents;
import io.platform.etl.platform.infra.KeycloakLaunch;
import io.platform.etl.platform.infra.KeycloakProgress;
import io.platform.etl.platform.state.EnvFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The infrastructure JVM of {@code ./platform up}: PostgreSQL, Redis, Kafka, Keycloak (or the stand-in OIDC
 * provider) and S3 started in parallel
 * with the test kit's starters. {@code infra.env} is written twice: once PostgreSQL, Redis, Kafka and S3 are ready
 * (without {@code OIDC_*}), and again with the {@code OIDC_*} entries
 * once the provider is ready. The JVM then stays alive until SIGTERM, whose shutdown hook stops every component. Progress lines start with {@code [infra]} (the launcher echoes them).
 *
 * <p>Arguments: {@code --home DIR --pg-port N --redis-port N --oidc-port N --s3-port N [--demo-traffic [--rate N]]},
 * and either {@code --fast-auth} (the stand-in OIDC provider) or {@code --keycloak-zip ZIP --keycloak-dir KC --realm
 * JSON --rules-api-url URL} (a real Keycloak, unpacked into {@code KC}, logging to {@code DIR/logs/keycloak.log}).
 */
public final class InfraMain {

    private InfraMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = parse(args);
        Path home = Path.of(a.get("--home"));
        Path data = home.resolve("data");
        Path envFile = home.resolve("infra.env");
        Files.deleteIfExists(envFile);
        Deque<AutoCloseable> started = new ConcurrentLinkedDeque<>();
        Thread[] traffic = new Thread[1];
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(started, traffic[0], envFile), "infra-stop"));

        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        var pg = start(pool, started, "postgres", () -> InfraComponents.postgres(port(a, "--pg-port"), data.resolve("pg")));
        var redis = start(pool, started, "redis", () -> InfraComponents.redis(port(a, "--redis-port")));
        var kafka = start(pool, started, "kafka", () -> InfraComponents.kafka(data.resolve("kafka")));
        var oidc = a.containsKey("--fast-auth")
                ? start(pool, started, "oidc (stand-in)", () -> InfraComponents.standIn(port(a, "--oidc-port")))
                : start(pool, started, "keycloak", () -> InfraComponents.keycloak(port(a, "--oidc-port"),
                        keycloakLaunch(a, home), line -> KeycloakProgress.shown(line)
                                .ifPresent(shown -> System.out.println("[infra] keycloak | " + shown))));
        var s3 = start(pool, started, "s3", () -> InfraComponents.s3(port(a, "--s3-port"), data.resolve("s3")));
        // The first infra.env: the launcher reports this phase (and the Kafka port) before Keycloak is ready.
        awaitOrExit(CompletableFuture.allOf(pg, redis, kafka, s3));
        Map<String, String> env = new HashMap<>(InfraComponents.env(pg.join(), redis.join(), kafka.join(), s3.join()));
        env.put("INFRA_PID", Long.toString(ProcessHandle.current().pid()));
        env.putAll(EnrichDemo.start(started, pg.join(), a.containsKey("--demo-traffic")));
        EnvFile.write(envFile, new TreeMap<>(env));
        System.out.println("[infra] PostgreSQL, Redis, Kafka, S3 ready in " + seconds(t0) + " s");
        if (a.containsKey("--demo-traffic")) {
            int rate = Integer.parseInt(a.getOrDefault("--rate", "50"));
            traffic[0] = Thread.ofPlatform().daemon().name("demo-traffic").start(new DemoTraffic(
                    kafka.join().bootstrapServers(), rate));
            System.out.println("[infra] demo traffic: " + rate + " events/s to " + DemoTraffic.TOPIC
                    + " until down (./platform up --rate N)");
        }
        awaitOrExit(oidc);
        pool.shutdown();
        env.putAll(oidc.join().env());
        EnvFile.write(envFile, new TreeMap<>(env));
        System.out.println("[infra] READY in " + seconds(t0) + " s");
        new CountDownLatch(1).await();
    }

    private static void awaitOrExit(CompletableFuture<?> components) {
        try {
            components.join();
        } catch (RuntimeException e) {
            System.out.println("[infra] FAILED: not every component started; stopping the others");
            System.exit(1);
        }
    }

    private static KeycloakLaunch keycloakLaunch(Map<String, String> a, Path home) {
        return new KeycloakLaunch(Path.of(a.get("--keycloak-zip")), Path.of(a.get("--keycloak-dir")), Path.of(a.get("--realm")),
                a.get("--rules-api-url"), home.resolve("logs").resolve("keycloak.log"));
    }

    private static <T extends AutoCloseable> CompletableFuture<T> start(ExecutorService pool,
            Deque<AutoCloseable> started, String name, Supplier<T> starter) {
        return CompletableFuture.supplyAsync(() -> {
            long t0 = System.nanoTime();
            System.out.println("[infra] " + name + " … starting");
            try {
                T component = starter.get();
                started.push(component);
                System.out.println("[infra] " + name + " … ready in " + seconds(t0) + " s");
                return component;
            } catch (RuntimeException e) {
                System.out.println("[infra] " + name + " … FAILED after " + seconds(t0) + " s: " + e.getMessage());
                e.printStackTrace(System.out);
                throw e;
            }
        }, pool);
    }

    private static void stopAll(Deque<AutoCloseable> started, Thread traffic, Path envFile) {
        if (traffic != null) {
            traffic.interrupt();
        }
        try {
            Files.deleteIfExists(envFile);
        } catch (IOException e) {
            // the launcher treats a stale file as "not ready" by checking the pid anyway
        }
        AutoCloseable next;
        while ((next = started.poll()) != null) {
            try {
                next.close();
            } catch (Exception e) {
                System.out.println("[infra] could not stop " + next.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        System.out.println("[infra] stopped");
    }

    private static String seconds(long t0) {
        return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9);
    }

    private static int port(Map<String, String> a, String key) {
        return Integer.parseInt(a.getOrDefault(key, "0"));
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            a.put(args[i], flag ? "true" : args[++i]);
        }
        if (!a.containsKey("--home")) {
            throw new IllegalArgumentException("--home DIR is required");
        }
        return a;
    }
}
