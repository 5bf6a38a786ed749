package io.platform.etl.stagetestkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A stage service as a separate JVM on the test classpath, so a test can end it with SIGTERM ({@link #terminate()})
 * or SIGKILL ({@link #kill()}). Its output goes to a log file the test can read.
 */
public final class StageProcess implements AutoCloseable {

    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx128m", "-XX:+UseSerialGC");

    private final Process process;
    private final Path log;

    private StageProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * @param mainClass  the stage's {@code Application}
     * @param properties Micronaut properties, passed as {@code -Dkey=value}
     * @param log        where stdout and stderr go
     */
    public static StageProcess start(Class<?> mainClass, Map<String, String> properties, Path log)
            throws IOException {
        return start(mainClass, properties, log, DEFAULT_JVM_OPTIONS);
    }

    /** @param jvmOptions heap and GC options of the JVM ({@link #DEFAULT_JVM_OPTIONS} unless a stage needs more) */
    public static StageProcess start(Class<?> mainClass, Map<String, String> properties, Path log,
                                     List<String> jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add(mainClass.getName());
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new StageProcess(process, log);
    }

    /** SIGKILL: no shutdown hook, no commit, no leave-group. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /**
     * SIGTERM, then waits for the JVM to exit.
     *
     * @return the exit code, or -1 when it did not exit within the timeout (it is then killed)
     */
    public int terminate(long timeoutSeconds) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            return -1;
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the process wrote so far. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            terminate(40);
        }
    }
}
