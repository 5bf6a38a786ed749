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

/** Starts {@link InfraMain} detached, echoes its progress and waits until it has written {@code infra.env}. */
final class InfraStarter {

    static final String NAME = "infra";
    /** Added to the wait while Keycloak has never started from the cached copy: unpacking and augmenting it. */
    static final Duration KEYCLOAK_FIRST_START = Duration.ofMinutes(5);
    static final List<String> JVM_FLAGS = List.of("-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private InfraStarter() {
    }

    static Map<String, String> start(Context ctx, Duration timeout) throws InterruptedException {
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
        Duration limit = timeout;
        if (ctx.options().fastAuth()) {
            args.add("--fast-auth");
        } else {
            Path zip = KeycloakDist.zip(paths.module("dev"));
            if (!KeycloakDist.startedBefore(zip, paths.home().resolve("keycloak"))) {
                limit = timeout.plus(KEYCLOAK_FIRST_START);
                ctx.out().println("keycloak: first start from " + ctx.show(paths.home().resolve("keycloak"))
                        + ": unpacking and augmenting the distribution, once (a minute or more); waiting up to "
                        + limit.toSeconds() + " s");
            }
            args.addAll(List.of("--keycloak-zip", zip.toString(),
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
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            progress.newLines().stream().filter(l -> l.startsWith("[infra] "))
                    .forEach(l -> ctx.out().println("  " + l.substring("[infra] ".length())));
            if (Files.exists(paths.infraEnv())) {
                Map<String, String> env = EnvFile.read(paths.infraEnv());
                if (Long.toString(process.pid()).equals(env.get("INFRA_PID"))) {
                    return env;
                }
            }
            if (!process.isAlive()) {
                throw new Failure("infra exited with code " + process.exitValue() + " before it was ready; log: "
                        + ctx.show(log) + "\n" + Up.indent(LogTail.last(log, 30)));
            }
            if (System.nanoTime() > deadline) {
                throw new Failure("infra not ready after " + limit.toSeconds() + " s; log: " + ctx.show(log) + "\n"
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
