package io.platform.etl.k8s.monitoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs Prometheus' promtool; fails (never skips) when it is not installed. */
final class Promtool {

    static final String INSTALL_HINT = "promtool not found on PATH (or PROMTOOL). Install it: apt-get install -y "
            + "prometheus (Debian/Ubuntu; .ci/run does this), or put promtool from "
            + "https://prometheus.io/download/ on the PATH.";

    record Result(int exitCode, String output) {
    }

    private Promtool() {
    }

    static Path binary() {
        String override = System.getenv("PROMTOOL");
        if (override != null && !override.isBlank()) {
            if (!Files.isExecutable(Path.of(override))) {
                throw new AssertionError("PROMTOOL=" + override + " is not executable. " + INSTALL_HINT);
            }
            return Path.of(override);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(INSTALL_HINT);
    }

    static Result run(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(binary().toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }
}
