package io.platform.etl.platform.commands;

import io.platform.etl.platform.health.HealthProbe;
import io.platform.etl.platform.health.PortCheck;
import io.platform.etl.platform.health.TextTable;
import io.platform.etl.platform.monitoring.LocalPrometheus;
import io.platform.etl.platform.state.EnvFile;
import io.platform.etl.platform.state.PidFile;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code ./platform status}: per component its pid, whether that process is alive, and its health. */
public final class Status {

    private Status() {
    }

    public static int run(Context ctx) {
        List<PidFile> recorded = PidFile.readAll(ctx.paths().pids());
        if (recorded.isEmpty()) {
            ctx.out().println("status: not running (no pid files in " + ctx.show(ctx.paths().pids()) + ")");
            return 3;
        }
        HealthProbe probe = new HealthProbe();
        List<List<String>> rows = new ArrayList<>();
        boolean allHealthy = true;
        for (PidFile p : recorded) {
            boolean alive = p.alive();
            String health = !alive ? "-" : p.component().equals(InfraStarter.NAME) ? infraHealth(ctx)
                    : p.component().equals(LocalPrometheus.NAME) ? LocalPrometheus.health(p.port()) : probe.status(p.port());
            allHealthy &= alive && (health.equals(HealthProbe.UP));
            rows.add(List.of(p.component(), Long.toString(p.pid()), alive ? "alive" : "DEAD",
                    p.port() == 0 ? "-" : Integer.toString(p.port()), health, ctx.show(ctx.paths().log(p.component()))));
        }
        ctx.out().print(TextTable.render(List.of("COMPONENT", "PID", "PROCESS", "PORT", "HEALTH", "LOG"), rows));
        return allHealthy ? 0 : 1;
    }

    /** UP when the infra JVM reported ready and PostgreSQL, Redis, OIDC, S3 and Kafka all accept connections. */
    static String infraHealth(Context ctx) {
        if (!Files.exists(ctx.paths().infraEnv())) {
            return "starting";
        }
        Map<String, Integer> ports = Down.portsOf(ctx.paths().home().resolve("ports.env"));
        List<String> down = new ArrayList<>();
        for (String c : List.of("postgres", "redis", "oidc", "s3", "kafka")) {
            Integer port = ports.get(c);
            if (port != null && PortCheck.free(port)) {
                down.add(c);
            }
        }
        Map<String, String> env = EnvFile.read(ctx.paths().infraEnv());
        return down.isEmpty() && env.containsKey("INFRA_PID") ? HealthProbe.UP : "DOWN " + down;
    }
}
