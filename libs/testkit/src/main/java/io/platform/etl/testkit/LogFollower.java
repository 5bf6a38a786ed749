package io.platform.etl.testkit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Hands each complete new line of a growing log file to a consumer, on every {@link #poll()}. */
final class LogFollower {

    private final Path log;
    private final Consumer<String> lines;
    private long offset;
    private final StringBuilder partial = new StringBuilder();

    LogFollower(Path log, Consumer<String> lines) {
        this.log = log;
        this.lines = lines;
    }

    void poll() {
        if (!Files.exists(log)) {
            return;
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            if (file.length() <= offset) {
                return;
            }
            file.seek(offset);
            byte[] bytes = new byte[(int) Math.min(file.length() - offset, 1 << 20)];
            file.readFully(bytes);
            offset += bytes.length;
            partial.append(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return;
        }
        int nl;
        while ((nl = partial.indexOf("\n")) >= 0) {
            lines.accept(partial.substring(0, nl));
            partial.delete(0, nl + 1);
        }
    }
}
