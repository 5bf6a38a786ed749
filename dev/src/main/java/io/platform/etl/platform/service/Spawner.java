package io.platform.etl.platform.service;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a JVM that outlives the launcher: in a new session ({@code setsid}, so a Ctrl-C or a closed terminal
 * does not reach it), stdin from /dev/null, stdout and stderr appended to a log file. {@code setsid} execs in
 * place (the child of a JVM is never a process-group leader), so the pid we get is the JVM's.
 */
public final class Spawner {

    private Spawner() {
    }

    public static Process java(Path javaBin, List<String> jvmFlags, String classpath, String mainClass,
            List<String> args, Map<String, String> env, Path workDir, Path log) {
        List<String> command = new ArrayList<>();
        command.add(javaBin.toString());
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        return command(command, env, workDir, log);
    }

    /** Any program, detached the same way (the local Prometheus). */
    public static Process command(List<String> program, Map<String, String> env, Path workDir, Path log) {
        List<String> command = new ArrayList<>();
        if (setsidAvailable()) {
            command.add("setsid");
        }
        command.addAll(program);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectErrorStream(true);
            // glibc's per-thread malloc arenas add tens of MB of RSS to small JVMs; two are plenty for a service.
            pb.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
            pb.environment().putAll(env);
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + program.getFirst() + ": " + e.getMessage(), e);
        }
    }

    /** {@code target/classes} plus the module's {@code target/runtime-classpath.txt}. */
    public static String moduleClasspath(Path module) {
        try {
            String deps = Files.readString(module.resolve(BuildCheck.CLASSPATH_FILE)).strip();
            return module.resolve("target/classes") + (deps.isEmpty() ? "" : File.pathSeparator + deps);
        } catch (IOException e) {
            throw new UncheckedIOException("no " + BuildCheck.CLASSPATH_FILE + " in " + module
                    + ": build it (./mvnw -B -q -DskipTests install -pl " + module.getFileName() + " -am)", e);
        }
    }

    private static boolean setsidAvailable() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "setsid"))) {
                return true;
            }
        }
        return false;
    }
}
