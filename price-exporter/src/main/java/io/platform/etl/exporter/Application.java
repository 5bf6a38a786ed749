package io.platform.etl.exporter;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.platform.etl.exporter.metrics.PushgatewayClient;
import io.platform.etl.exporter.run.ExportJob;
import io.platform.etl.exporter.run.ExportResult;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Entry point. {@code --once} or {@code EXPORT_MODE=once}: one export without an HTTP server, then exit
 * with an {@link ExitCode} (for a Kubernetes CronJob). Otherwise: a long-running service with health and
 * Prometheus endpoints that exports on EXPORT_CRON.
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        if (onceMode(args, Map.of())) {
            System.exit(runOnce(args, Map.of(), System.err));
        }
        try {
            Micronaut.build(args).banner(false).start();
        } catch (RuntimeException e) {
            StartupErrors.Diagnosis diagnosis = StartupErrors.diagnose(e, "jdbc:postgresql://" + env("DB_HOST", "localhost") + ":"
                    + env("DB_PORT", "5432") + "/" + env("DB_NAME", "prices"));
            System.err.println(diagnosis.message());
            System.exit(diagnosis.exitCode().code());
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static boolean onceMode(String[] args, Map<String, Object> properties) {
        return Arrays.asList(args).contains("--once")
                || "once".equals(properties.get("exporter.mode"))
                || "once".equalsIgnoreCase(Objects.requireNonNullElse(System.getenv("EXPORT_MODE"), ""));
    }

    /**
     * One export, then the exit code {@link #main} passes to System.exit. {@code properties} are added to
     * the environment (tests use them in place of environment variables); the error line goes to {@code err}.
     */
    public static int runOnce(String[] args, Map<String, Object> properties, PrintStream err) {
        Map<String, Object> props = new HashMap<>(properties);
        props.put("exporter.mode", "once");
        String jdbcUrl = String.valueOf(props.getOrDefault("datasources.default.url", "jdbc:postgresql://"
                + env("DB_HOST", "localhost") + ":" + env("DB_PORT", "5432") + "/" + env("DB_NAME", "prices")));
        try (ApplicationContext context = ApplicationContext.builder()
                .args(args).properties(props).banner(false).deduceEnvironment(false).start()) {
            jdbcUrl = context.getProperty("datasources.default.url", String.class).orElse(jdbcUrl);
            try {
                ExportResult result = context.getBean(ExportJob.class).run();
                if (!result.succeeded()) {
                    err.println("Price export for " + result.runDate() + " failed: " + result.error());
                }
                return result.succeeded() ? ExitCode.OK.code() : ExitCode.EXPORT_FAILED.code();
            } finally {
                context.getBean(PushgatewayClient.class).push();
            }
        } catch (Exception e) {
            StartupErrors.Diagnosis diagnosis = StartupErrors.diagnose(e, jdbcUrl);
            err.println(diagnosis.message());
            return diagnosis.exitCode().code();
        }
    }
}
