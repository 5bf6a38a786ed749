package io.platform.etl.platform.commands;

import io.platform.etl.platform.InfraMain;
import io.platform.etl.platform.infra.KeycloakDist;
import io.platform.etl.platform.infra.KeycloakLaunch;
import io.platform.etl.platform.service.ServiceCatalog;
import io.platform.etl.platform.state.EnvFile;
import io.platform.etl.platform.state.LogTail;
import io.platform.etl.platform.state.PidFile;
import io.platform.etl.platform.service.Spawner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Starts {@link InfraMain} detached and echoes its progress while waiting for it in two steps: {@link #awaitCore}
 * until {@code infra.env} names PostgreSQL, Redis, Kafka and S3, and {@link #awaitOidc} until it names the OIDC
 * provider too (the services start then).
 */
final class InfraStarter {

    static final String NAME = "infra";
    /** Added to the wait while Keycloak has never started from the cached copy: unpacking and augmenting it. */
    static final Duration KEYCLOAK_FIRST_START = Duration.ofMinutes(5);
    static final List<String> JVM_FLAGS = List.of("-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final Context ctx;
    private final Process process;
    private final LogTail progress;
    private final long coreDeadline;
    private final long oidcDeadline;
    private final Duration oidcLimit;

    private InfraStarter(Context ctx, Process process, LogTail progress, Duration coreLimit, Duration oidcLimit) {
        this.ctx = ctx;
        this.process = process;
        this.progress = progress;
        long now = System.nanoTime();
        this.coreDeadline = now + coreLimit.toNanos();
        this.oidcDeadline = now + oidcLimit.toNanos();
        this.oidcLimit = oidcLimit;
    }

    static InfraStarter start(Context ctx, Duration timeout) {
        var paths = ctx.paths();
        var log = paths.log(NAME);
        LogTail progress = LogTail.fromEnd(log);
        List<String> args = new ArrayList<>(List.of("--home", paths.home().toString(),
                "--pg-port", Integer.toString(ctx.ports().postgres()),
                "--redis-port", Integer.toString(ctx.ports().redis()),
                "--oidc-port", Integer.toString(ctx.ports().oidc()),
                "--s3-port", Integer.toString(ctx.ports().s3())));
        if (ctx.options().demo()) {
            args.addAll(List.of("--demo-traffic", "--rate", Integer.toString(ctx.options().rate())));
        }
        Duration oidcLimit = timeout;
        if (ctx.options().fastAuth()) {
            args.add("--fast-auth");
        } else {
            Path zip = KeycloakDist.zip(paths.module("dev"));
            Path cache = ctx.options().keycloakDir().orElse(paths.home().resolve("keycloak")).toAbsolutePath();
            if (!KeycloakDist.startedBefore(zip, cache)) {
                oidcLimit = timeout.plus(KEYCLOAK_FIRST_START);
                ctx.out().println("keycloak: first start from " + ctx.show(cache)
                        + ": unpacking and augmenting the distribution, once (a minute or more); waiting up to "
                        + oidcLimit.toSeconds() + " s");
            }
            args.addAll(List.of("--keycloak-zip", zip.toString(), "--keycloak-dir", cache.toString(),
                    "--realm", KeycloakLaunch.realmOf(paths.root()).toString(),
                    // Swagger UI's redirect URI in the realm: the address the endpoint table prints.
                    "--rules-api-url", "http://localhost:" + ctx.ports().service(ServiceCatalog.byName("rules-api")
                            .defaultPort())));
        }
        Process process = Spawner.java(ctx.javaBin(), jvmFlags(), ctx.launcherClasspath(), InfraMain.class.getName(),
                args, Map.of(), paths.root(), log);
        PidFile.of(NAME, process.toHandle(), 0).write(paths.pidFile(NAME));
        ctx.out().println("infra: starting PostgreSQL, Redis, Kafka, " + (ctx.options().fastAuth()
                ? "the stand-in OIDC provider (--fast-auth)" : "Keycloak") + ", S3 in one JVM (pid " + process.pid()
                + ", log " + ctx.show(log) + ")");
        return new InfraStarter(ctx, process, progress, timeout, oidcLimit);
    }

    /** {@code infra.env} once PostgreSQL, Redis, Kafka and S3 are ready (no {@code OIDC_*} entries yet, perhaps). */
    Map<String, String> awaitCore() throws InterruptedException {
        return await(env -> true, coreDeadline, "PostgreSQL, Redis, Kafka and S3", ctx.options().timeout());
    }

    /** CPU seconds of the infra JVM and its children (Keycloak, redis-server) so far. */
    String cpu() {
        return ServiceStarter.cpu(process.toHandle());
    }

    /** {@code infra.env} once the OIDC provider is ready too. */
    Map<String, String> awaitOidc() throws InterruptedException {
        return await(env -> env.containsKey("OIDC_ISSUER"), oidcDeadline, ctx.options().fastAuth()
                ? "the stand-in OIDC provider" : "Keycloak", oidcLimit);
    }

    private Map<String, String> await(Predicate<Map<String, String>> ready, long deadline, String what, Duration limit)
            throws InterruptedException {
        var paths = ctx.paths();
        var log = paths.log(NAME);
        while (true) {
            progress.newLines().stream().filter(l -> l.startsWith("[infra] "))
                    .forEach(l -> ctx.out().println("  " + l.substring("[infra] ".length())));
            if (Files.exists(paths.infraEnv())) {
                Map<String, String> env = EnvFile.read(paths.infraEnv());
                if (Long.toString(process.pid()).equals(env.get("INFRA_PID")) && ready.test(env)) {
                    return env;
                }
            }
            if (!process.isAlive()) {
                throw new Failure("infra exited with code " + process.exitValue() + " before " + what + " was ready;"
                        + " log: " + ctx.show(log) + "\n" + Up.indent(LogTail.last(log, 30)));
            }
            if (System.nanoTime() > deadline) {
                throw new Failure(what + " not ready after " + limit.toSeconds() + " s; log: " + ctx.show(log) + "\n"
                        + Up.indent(LogTail.last(log, 30)));
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    /** {@code PLATFORM_INFRA_JVM_OPTS} replaces the default flags of the infra JVM. */
    private static List<String> jvmFlags() {
        String custom = System.getenv("PLATFORM_INFRA_JVM_OPTS");
        return custom == null || custom.isBlank() ? JVM_FLAGS : Arrays.asList(custom.trim().split("\\s+"));
    }
}
