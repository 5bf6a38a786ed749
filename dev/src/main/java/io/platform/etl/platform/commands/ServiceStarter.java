package io.platform.etl.platform.commands;

import io.platform.etl.platform.health.HealthProbe;
import io.platform.etl.platform.service.ClassDataSharing;
import io.platform.etl.platform.service.JvmOptions;
import io.platform.etl.platform.service.ServiceEnvironment;
import io.platform.etl.platform.service.ServiceSpec;
import io.platform.etl.platform.service.Spawner;
import io.platform.etl.platform.state.LogTail;
import io.platform.etl.platform.state.PidFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Starts each service as its own detached JVM and waits until every {@code /health} says UP. */
final class ServiceStarter {

    private static final Duration REMINDER = Duration.ofSeconds(15);

    private ServiceStarter() {
    }

    static Map<ServiceSpec, Process> start(Context ctx, List<ServiceSpec> services, Map<String, String> infra) {
        Map<ServiceSpec, Process> started = new LinkedHashMap<>();
        if (services.isEmpty()) {
            return started;
        }
        ClassDataSharing cds = new ClassDataSharing(ctx.paths().cds());
        for (ServiceSpec s : services) {
            Path module = ctx.paths().module(s.name());
            int port = ctx.ports().service(s.defaultPort());
            String classpath = Spawner.moduleClasspath(module);
            Optional<String> sharedClasspath = cds.classpath(module, s.name(), classpath);
            List<String> flags = new ArrayList<>(JvmOptions.of(module));
            sharedClasspath.ifPresent(cp -> flags.addAll(cds.flags(s.name())));
            Process p = Spawner.java(ctx.javaBin(), flags, sharedClasspath.orElse(classpath), s.mainClass(),
                    List.of(), ServiceEnvironment.of(s, port, infra, ctx.paths(), ctx.options().demo()), ctx.paths().root(),
                    ctx.paths().log(s.name()));
            PidFile.of(s.name(), p.toHandle(), port).write(ctx.paths().pidFile(s.name()));
            started.put(s, p);
        }
        ctx.out().println("services: started " + String.join(", ", started.keySet().stream().map(ServiceSpec::name).toList())
                + " (logs in " + ctx.show(ctx.paths().logs()) + ")");
        return started;
    }

    /** Waits up to {@code timeout} from now; the times printed count from {@code t0} (the start of {@code up}). */
    static void awaitHealthy(Context ctx, Map<ServiceSpec, Process> started, Duration timeout, long t0)
            throws InterruptedException {
        HealthProbe probe = new HealthProbe();
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextReminder = System.nanoTime() + REMINDER.toNanos();
        Map<ServiceSpec, String> pending = new LinkedHashMap<>();
        started.keySet().forEach(s -> pending.put(s, "starting"));
        while (!pending.isEmpty()) {
            for (ServiceSpec s : new ArrayList<>(pending.keySet())) {
                Process p = started.get(s);
                Path log = ctx.paths().log(s.name());
                if (!p.isAlive()) {
                    throw new Failure(s.name() + " exited with code " + p.exitValue() + " before it was healthy; log: "
                            + ctx.show(log) + "\n" + Up.indent(LogTail.last(log, 30)));
                }
                String status = probe.status(ctx.ports().service(s.defaultPort()));
                if (HealthProbe.UP.equals(status)) {
                    pending.remove(s);
                    ctx.out().println("  " + s.name() + " … healthy " + seconds(t0) + " s since start, " + cpu(p.toHandle())
                            + " s CPU (pid " + p.pid() + ", port " + ctx.ports().service(s.defaultPort()) + ")");
                } else {
                    pending.put(s, status);
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            long now = System.nanoTime();
            if (now > deadline) {
                StringBuilder msg = new StringBuilder("not healthy after " + timeout.toSeconds() + " s:");
                pending.forEach((s, status) -> msg.append("\n  ").append(s.name()).append(" (health: ").append(status)
                        .append("), log: ").append(ctx.show(ctx.paths().log(s.name()))).append('\n')
                        .append(Up.indent(LogTail.last(ctx.paths().log(s.name()), 15))));
                throw new Failure(msg.toString());
            }
            if (now > nextReminder) {
                nextReminder = now + REMINDER.toNanos();
                ctx.out().println("  … still waiting (" + seconds(t0) + " s) for " + String.join(", ",
                        pending.entrySet().stream().map(e -> e.getKey().name() + " [" + e.getValue() + "]").toList()));
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    /** CPU seconds a process (and its children) used so far: on two cores the sum of these decides {@code up}'s time. */
    static String cpu(ProcessHandle process) {
        Duration total = Stream.concat(Stream.of(process), process.descendants())
                .map(h -> h.info().totalCpuDuration().orElse(Duration.ZERO)).reduce(Duration.ZERO, Duration::plus);
        return String.format(Locale.ROOT, "%.1f", total.toMillis() / 1e3);
    }

    static String seconds(long t0) {
        return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9);
    }
}
