package io.platform.etl.platform.state;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads log files: the last lines, or what was appended since the previous read. */
public final class LogTail {

    private final Path file;
    private long position;

    public LogTail(Path file, long position) {
        this.file = file;
        this.position = position;
    }

    /** A follower that starts at the current end of {@code file} (or its start if it does not exist yet). */
    public static LogTail fromEnd(Path file) {
        try {
            return new LogTail(file, Files.exists(file) ? Files.size(file) : 0);
        } catch (IOException e) {
            return new LogTail(file, 0);
        }
    }

    /** Complete lines appended since the last call. */
    public List<String> newLines() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            if (raf.length() <= position) {
                return List.of();
            }
            byte[] bytes = new byte[(int) Math.min(raf.length() - position, 1 << 20)];
            raf.seek(position);
            raf.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            int lastNewline = text.lastIndexOf('\n');
            if (lastNewline < 0) {
                return List.of();
            }
            position += text.substring(0, lastNewline + 1).getBytes(StandardCharsets.UTF_8).length;
            return List.of(text.substring(0, lastNewline).split("\n", -1));
        } catch (IOException e) {
            return List.of();
        }
    }

    public static List<String> last(Path file, int lines) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<String> all = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            return new ArrayList<>(all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }
}
