package io.platform.etl.platform.commands;

import io.platform.etl.platform.health.PortCheck;
import io.platform.etl.platform.state.EnvFile;
import io.platform.etl.platform.state.PidFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code ./platform down}: stops what {@code up} recorded, by pid: the services first (SIGTERM, SIGKILL after a
 * grace period), then the infra JVM together with the processes it spawned (postgres, redis-server). Then it
 * checks that no recorded process is left and nothing listens on the platform's ports.
 */
public final class Down {

    // A service writes its class-data archive on the way out after a start without one (ADR 0427): a few CPU
    // seconds each, six at once on two cores. A SIGKILL mid-write only costs the next start its archive.
    static final Duration SERVICE_GRACE = Duration.ofSeconds(30);
    static final Duration INFRA_GRACE = Duration.ofSeconds(30);

    private Down() {
    }

    public static int run(Context ctx) throws InterruptedException {
        var paths = ctx.paths();
        List<PidFile> recorded = PidFile.readAll(paths.pids());
        Map<String, Integer> ports = portsOf(paths.home().resolve("ports.env"));
        List<ProcessHandle> everything = new ArrayList<>();
        List<PidFile> services = recorded.stream().filter(p -> !p.component().equals(InfraStarter.NAME)).toList();
        List<PidFile> infra = recorded.stream().filter(p -> p.component().equals(InfraStarter.NAME)).toList();

        List<ProcessHandle> serviceHandles = services.stream().flatMap(p -> p.process().stream()).toList();
        everything.addAll(serviceHandles);
        stop(ctx, "services", serviceHandles, SERVICE_GRACE);

        List<ProcessHandle> infraHandles = new ArrayList<>(infra.stream().flatMap(p -> p.process().stream()).toList());
        // postgres and redis-server are children of the infra JVM: note them now, they are orphans after it is gone.
        List<ProcessHandle> children = new ArrayList<>(infraHandles.stream().flatMap(ProcessHandle::descendants).toList());
        // pg_ctl daemonizes the postmaster (its parent is init), so it is found through its own pid file.
        postmaster(paths.data().resolve("pg").resolve("postmaster.pid")).ifPresent(children::add);
        everything.addAll(infraHandles);
        everything.addAll(children);
        stop(ctx, "infra", infraHandles, INFRA_GRACE);
        stop(ctx, "infra children", children.stream().filter(ProcessHandle::isAlive).toList(), SERVICE_GRACE);

        List<String> left = new ArrayList<>();
        everything.stream().filter(ProcessHandle::isAlive).forEach(p -> left.add("process " + p.pid() + " "
                + p.info().command().orElse("?")));
        Map<String, Integer> listening = PortCheck.taken(ports);
        if (!listening.isEmpty()) {
            left.add(PortCheck.describe(listening));
        }
        if (!left.isEmpty()) {
            ctx.out().println("down: NOT everything stopped:\n  " + String.join("\n  ", left));
            return 1;
        }
        for (PidFile p : recorded) {
            delete(paths.pidFile(p.component()));
        }
        delete(paths.home().resolve("ports.env"));
        delete(paths.env());
        ctx.out().println(recorded.isEmpty() ? "down: nothing was running (no pid files in " + ctx.show(paths.pids()) + ")"
                : "down: stopped " + everything.size() + " processes (" + recorded.stream().map(PidFile::component)
                        .collect(Collectors.joining(", ")) + "); none left, ports " + ports.values() + " free");
        return 0;
    }

    static void stop(Context ctx, String what, List<ProcessHandle> processes, Duration grace) throws InterruptedException {
        List<ProcessHandle> alive = processes.stream().filter(ProcessHandle::isAlive).toList();
        if (alive.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        alive.forEach(ProcessHandle::destroy);
        if (!awaitExit(alive, grace)) {
            List<ProcessHandle> stubborn = alive.stream().filter(ProcessHandle::isAlive).toList();
            ctx.out().println("  " + what + ": " + stubborn.stream().map(p -> Long.toString(p.pid())).toList()
                    + " still running after " + grace.toSeconds() + " s: SIGKILL");
            stubborn.forEach(ProcessHandle::destroyForcibly);
            awaitExit(stubborn, Duration.ofSeconds(10));
        }
        ctx.out().println("  " + what + ": stopped " + alive.size() + " in " + ServiceStarter.seconds(t0) + " s");
    }

    private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (processes.stream().anyMatch(ProcessHandle::isAlive)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return true;
    }

    static java.util.Optional<ProcessHandle> postmaster(Path pidFile) {
        try {
            if (!Files.exists(pidFile)) {
                return java.util.Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    static Map<String, Integer> portsOf(Path file) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        if (Files.exists(file)) {
            EnvFile.read(file).forEach((k, v) -> ports.put(k.toLowerCase(java.util.Locale.ROOT).replace('_', '-'), Integer.parseInt(v)));
        }
        return ports;
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover file is harmless: up treats pid files of dead processes as stale
        }
    }
}
