package io.platform.etl.bench.kit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Rewrites the generated figures block of a benchmark README; the hand-written text around it stays. */
public final class ReadmeFigures {

    public static final String START = "<!-- figures:start";
    public static final String END = "<!-- figures:end -->";

    private ReadmeFigures() {
    }

    /** {@code figures} runs from a line starting with {@link #START} to {@link #END}; appended when absent. */
    public static void write(Path readme, String figures) throws IOException {
        String text = Files.exists(readme) ? Files.readString(readme) : "";
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        text = start >= 0 && end > start
                ? text.substring(0, start) + figures + text.substring(end + END.length())
                : text + "\n" + figures + "\n";
        Files.writeString(readme, text);
        System.out.println(figures);
    }

    /** Replaces what lies between the lines {@code begin} and {@code end}; appends both with the block when absent. */
    public static String between(Path readme, String begin, String end, String block) throws IOException {
        String old = Files.exists(readme) ? Files.readString(readme) : "";
        int b = old.indexOf(begin);
        int e = old.indexOf(end);
        if (b < 0 || e < b) {
            return old + "\n" + begin + "\n" + block + end + "\n";
        }
        return old.substring(0, b) + begin + "\n" + block + old.substring(e);
    }
}
