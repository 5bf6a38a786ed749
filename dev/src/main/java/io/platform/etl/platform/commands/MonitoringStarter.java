package io.platform.etl.platform.commands;

import io.platform.etl.platform.health.HealthProbe;
import io.platform.etl.platform.monitoring.LocalPrometheus;
import io.platform.etl.platform.monitoring.LocalRules;
import io.platform.etl.platform.monitoring.PrometheusConfig;
import io.platform.etl.platform.service.ServiceSpec;
import io.platform.etl.platform.service.Spawner;
import io.platform.etl.platform.state.LogTail;
import io.platform.etl.platform.state.PidFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code up --monitoring}: a local Prometheus scraping every started service with the alert rules of
 * {@code k8s/base/monitoring} (ADR 0425). Without a {@code prometheus} binary it says how to install one and
 * {@code up} goes on without it.
 */
final class MonitoringStarter {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private MonitoringStarter() {
    }

    /** The Prometheus URL, or empty when there is no binary. */
    static Optional<String> start(Context ctx, List<ServiceSpec> services) throws InterruptedException {
        Optional<Path> binary = LocalPrometheus.binary(System.getenv());
        if (binary.isEmpty()) {
            ctx.out().println("monitoring: no prometheus binary found; going on without it. Install: "
                    + LocalPrometheus.INSTALL_HINT);
            return Optional.empty();
        }
        var paths = ctx.paths();
        Path dir = paths.home().resolve("monitoring");
        Path rules = dir.resolve("rules.yml");
        Path config = dir.resolve("prometheus.yml");
        int port = ctx.ports().prometheus();
        try {
            Files.createDirectories(dir);
            Files.writeString(rules, LocalRules.render(paths.root().resolve("k8s/base/monitoring/prometheusrule.yaml"),
                    LocalPrometheus.INTERVAL, LocalPrometheus.PENDING_FOR));
            Files.writeString(config, PrometheusConfig.render(services.stream()
                    .map(s -> new PrometheusConfig.Target(s.name(), ctx.ports().service(s.defaultPort()))).toList(),
                    rules, LocalPrometheus.INTERVAL));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir, e);
        }
        Path log = paths.log(LocalPrometheus.NAME);
        Process p = Spawner.command(LocalPrometheus.command(binary.get(), config, paths.data().resolve("prometheus"), port),
                java.util.Map.of(), paths.root(), log);
        PidFile.of(LocalPrometheus.NAME, p.toHandle(), port).write(paths.pidFile(LocalPrometheus.NAME));
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!HealthProbe.UP.equals(LocalPrometheus.health(port))) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new Failure("prometheus " + (p.isAlive() ? "not ready after " + READY_TIMEOUT.toSeconds() + " s"
                        : "exited with code " + p.exitValue()) + "; log: " + ctx.show(log) + "\n"
                        + Up.indent(LogTail.last(log, 20)));
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        ctx.out().println("monitoring: prometheus " + binary.get() + " ready on " + LocalPrometheus.url(port)
                + ", scraping " + services.size() + " services every " + LocalPrometheus.INTERVAL.toSeconds()
                + " s, rules from k8s/base/monitoring (for: " + LocalPrometheus.PENDING_FOR.toSeconds() + " s locally)");
        return Optional.of(LocalPrometheus.url(port));
    }
}
