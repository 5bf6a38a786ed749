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
}
