package io.platform.etl.platform.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One started process: its pid, its start time (so a recycled pid is never mistaken for ours) and the port
 * it listens on (0 when it has none of its own).
 */
public record PidFile(String component, long pid, long startedMillis, int port) {

    public static PidFile of(String component, ProcessHandle process, int port) {
        long started = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return new PidFile(component, process.pid(), started, port);
    }

    /** The process, if it is still the one we started. */
    public Optional<ProcessHandle> process() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> startedMillis == 0
                || p.info().startInstant().map(Instant::toEpochMilli).map(t -> t == startedMillis).orElse(true));
    }

    public boolean alive() {
        return process().isPresent();
    }

    public void write(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("COMPONENT", component);
        values.put("PID", Long.toString(pid));
        values.put("STARTED_MILLIS", Long.toString(startedMillis));
        values.put("PORT", Integer.toString(port));
        EnvFile.write(file, values);
    }

    public static PidFile read(Path file) {
        Map<String, String> v = EnvFile.read(file);
        String fallbackName = file.getFileName().toString().replaceFirst("\\.pid$", "");
        return new PidFile(v.getOrDefault("COMPONENT", fallbackName), Long.parseLong(v.get("PID")),
                Long.parseLong(v.getOrDefault("STARTED_MILLIS", "0")), Integer.parseInt(v.getOrDefault("PORT", "0")));
    }

    /** Every pid file in {@code dir}, services first and {@code infra} last (the order they are stopped in). */
    public static List<PidFile> readAll(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<PidFile> all = new ArrayList<>(files.filter(f -> f.toString().endsWith(".pid")).sorted()
                    .map(PidFile::read).toList());
            all.sort((a, b) -> Boolean.compare("infra".equals(a.component()), "infra".equals(b.component())));
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
