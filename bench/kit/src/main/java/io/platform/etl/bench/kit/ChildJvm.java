package io.platform.etl.bench.kit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Command lines of the JVMs a benchmark measures, and their start and stop. */
public final class ChildJvm {

    private ChildJvm() {
    }

    /** {@code java FLAGS -cp CLASSPATH}, with the java of this JVM; the caller appends the main class. */
    public static List<String> java(List<String> flags, String classpath) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(flags);
        cmd.addAll(List.of("-cp", classpath));
        return cmd;
    }

    /** {@code java FLAGS -Dkey=value… -cp CLASSPATH MAIN}: a service started with its settings as system properties. */
    public static List<String> java(List<String> flags, Map<String, String> properties, String classpath,
                                    String mainClass) {
        List<String> withProperties = new ArrayList<>(flags);
        properties.forEach((k, v) -> withProperties.add("-D" + k + "=" + v));
        List<String> cmd = java(withProperties, classpath);
        cmd.add(mainClass);
        return cmd;
    }

    /** Starts the command with stdout and stderr in {@code log}. */
    public static Process start(List<String> command, Path log) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** SIGTERM, then SIGKILL if it has not exited within 40 s. */
    public static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
