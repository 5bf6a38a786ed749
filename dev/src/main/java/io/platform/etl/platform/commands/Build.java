package io.platform.etl.platform.commands;

import io.platform.etl.platform.service.BuildCheck;
import io.platform.etl.platform.service.ServiceSpec;
import java.io.IOException;
import java.util.List;

/** Builds what is missing or stale with the Maven wrapper: {@code install -pl <stale> -am}, tests skipped. */
final class Build {

    private Build() {
    }

    static void ifNeeded(Context ctx, List<ServiceSpec> services) throws InterruptedException {
        List<String> stale = BuildCheck.staleModules(ctx.paths().root(), services);
        if (stale.isEmpty()) {
            ctx.out().println("build: up to date");
            return;
        }
        List<String> command = List.of("./mvnw", "-B", "-q", "-DskipTests", "install", "-pl", String.join(",", stale),
                "-am");
        ctx.out().println("build: " + String.join(", ", stale) + " missing or older than their sources; running "
                + String.join(" ", command));
        long t0 = System.nanoTime();
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(ctx.paths().root().toFile()).inheritIO();
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            int code = pb.start().waitFor();
            if (code != 0) {
                throw new Failure("build failed (exit " + code + ") for " + String.join(", ", stale)
                        + "; fix it, or start the modules that build: ./platform up --services … [--no-build]");
            }
        } catch (IOException e) {
            throw new Failure("could not run ./mvnw in " + ctx.paths().root() + ": " + e.getMessage());
        }
        ctx.out().println("build: done in " + ServiceStarter.seconds(t0) + " s");
    }
}
