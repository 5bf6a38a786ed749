package io.platform.etl.platform.commands;

import io.platform.etl.platform.health.EndpointReport;
import io.platform.etl.platform.health.PortCheck;
import io.platform.etl.platform.monitoring.LocalPrometheus;
import io.platform.etl.platform.service.BuildCheck;
import io.platform.etl.platform.service.ServiceCatalog;
import io.platform.etl.platform.service.ServiceSpec;
import io.platform.etl.platform.state.EnvFile;
import io.platform.etl.platform.state.PidFile;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code ./platform up}: refuse when already running or a port is taken, build what is stale, start the infra
 * JVM, then every service, wait for health, seed the demo, print and write the endpoints. When something fails
 * it names it, shows its log and stops what was started (unless {@code --keep}).
 */
public final class Up {

    private Up() {
    }

    public static int run(Context ctx) throws InterruptedException {
        long t0 = System.nanoTime();
        var paths = ctx.paths();
        List<ServiceSpec> services = ServiceCatalog.select(paths.root(), ctx.options().services());
        refuseIfRunning(ctx);
        Map<String, Integer> ports = plannedPorts(ctx, services);
        Map<String, Integer> taken = PortCheck.taken(ports);
        if (!taken.isEmpty()) {
            throw new Failure(PortCheck.describe(taken) + "\nfree it, or run a second platform beside it with"
                    + " --port-offset N (or PLATFORM_PORT_OFFSET)");
        }
        if (ctx.options().build()) {
            Build.ifNeeded(ctx, services);
        }
        List<String> unbuilt = services.stream().map(ServiceSpec::name)
                .filter(n -> !BuildCheck.built(paths.module(n))).toList();
        if (!unbuilt.isEmpty()) {
            throw new Failure("not built (no target/classes or target/runtime-classpath.txt): " + String.join(", ", unbuilt)
                    + "; run without --no-build, or leave them out with --services");
        }
        paths.createDirectories();
        ctx.out().println("platform: " + services.size() + " services (" + String.join(", ", ServiceCatalog.names(services))
                + "), state in " + ctx.show(paths.home()) + (ctx.ports().offset() == 0 ? "" : ", port offset " + ctx.ports().offset()));
        try {
            writePorts(ctx, ports);
            InfraStarter infraStarter = InfraStarter.start(ctx, ctx.options().timeout());
            Map<String, String> core = infraStarter.awaitCore();
            ports.put("kafka", Integer.parseInt(core.get("KAFKA_BOOTSTRAP_SERVERS").replaceAll(".*:", "")));
            writePorts(ctx, ports);
            ctx.out().println("infra: PostgreSQL, Redis, Kafka, S3 ready " + ServiceStarter.seconds(t0) + " s since start");
            // The services start after Keycloak, not beside it: on two cores that was measured faster (ADR 0425).
            Map<String, String> infra = infraStarter.awaitOidc();
            ctx.out().println("infra: " + infra.get("OIDC_PROVIDER") + " ready " + ServiceStarter.seconds(t0)
                    + " s since start (infra JVM and its children: " + infraStarter.cpu() + " s CPU so far)");
            var started = ServiceStarter.start(ctx, services, infra);
            Optional<String> prometheus = ctx.options().monitoring()
                    ? MonitoringStarter.start(ctx, services) : Optional.empty();
            ServiceStarter.awaitHealthy(ctx, started, ctx.options().timeout(), t0);
            if (ctx.options().demo()) {
                DemoSeeding.run(ctx, services, infra);
            }
            EndpointReport report = EndpointReport.of(services, ctx.ports(), infra, prometheus);
            EnvFile.write(paths.env(), report.env());
            ctx.out().println();
            ctx.out().print(report.table());
            ctx.out().println();
            ctx.out().println("platform: all healthy in " + ServiceStarter.seconds(t0) + " s; endpoints in "
                    + ctx.show(paths.env()) + "; stop with ./platform down");
            ctx.out().println("live view: ./platform watch; records: ./platform tail events.processed");
            return 0;
        } catch (Failure e) {
            ctx.out().println("FAILED: " + e.getMessage());
            if (ctx.options().keep()) {
                ctx.out().println("left running (--keep): see ./platform status; stop with ./platform down");
            } else {
                ctx.out().println("stopping what was started …");
                Down.run(ctx);
            }
            return 1;
        }
    }

    private static void refuseIfRunning(Context ctx) {
        List<PidFile> pids = PidFile.readAll(ctx.paths().pids());
        List<PidFile> alive = pids.stream().filter(PidFile::alive).toList();
        if (!alive.isEmpty()) {
            throw new Failure("already running: pids " + alive.stream().map(p -> p.component() + "=" + p.pid())
                    .collect(Collectors.joining(", ")) + "; ./platform down first");
        }
        for (PidFile stale : pids) {
            try {
                Files.deleteIfExists(ctx.paths().pidFile(stale.component()));
            } catch (IOException e) {
                throw new Failure("cannot remove the stale pid file of " + stale.component() + ": " + e.getMessage());
            }
        }
    }

    static Map<String, Integer> plannedPorts(Context ctx, List<ServiceSpec> services) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("postgres", ctx.ports().postgres());
        ports.put("redis", ctx.ports().redis());
        ports.put("oidc", ctx.ports().oidc());
        ports.put("s3", ctx.ports().s3());
        services.forEach(s -> ports.put(s.name(), ctx.ports().service(s.defaultPort())));
        if (ctx.options().monitoring()) {
            ports.put(LocalPrometheus.NAME, ctx.ports().prometheus());
        }
        return ports;
    }

    /** The ports this platform holds, for {@code down} to check they are free again. */
    private static void writePorts(Context ctx, Map<String, Integer> ports) {
        EnvFile.write(ctx.paths().home().resolve("ports.env"), ports.entrySet().stream().collect(Collectors.toMap(
                e -> e.getKey().toUpperCase(Locale.ROOT).replace('-', '_'), e -> e.getValue().toString(), (a, b) -> a,
                LinkedHashMap::new)));
    }

    static String indent(List<String> lines) {
        return lines.stream().map(l -> "    | " + l).collect(Collectors.joining("\n"));
    }
}
