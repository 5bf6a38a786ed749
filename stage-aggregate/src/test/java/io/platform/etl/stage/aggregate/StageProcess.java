package io.platform.etl.stage.aggregate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The aggregate service as a separate JVM (the test classpath), so a test can SIGKILL it. */
final class StageProcess implements AutoCloseable {

    private final Process process;

    private StageProcess(Process process) {
        this.process = process;
    }

    static StageProcess start(Map<String, String> properties, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path")));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add(Application.class.getName());
        return new StageProcess(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start());
    }

    /** SIGKILL: no shutdown hook, no commit, no leave-group. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
