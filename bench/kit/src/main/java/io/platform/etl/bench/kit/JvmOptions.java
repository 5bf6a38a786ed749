package io.platform.etl.bench.kit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The flags of a module's {@code jvm.options}, read as {@code java @file} reads them. */
public final class JvmOptions {

    private JvmOptions() {
    }

    /** One or more flags per line, {@code #} comments. */
    public static List<String> read(Path file) throws IOException {
        return Files.readString(file).lines()
                .map(l -> l.contains("#") ? l.substring(0, l.indexOf('#')) : l)
                .flatMap(l -> Arrays.stream(l.trim().split("\\s+"))).filter(s -> !s.isEmpty()).toList();
    }
}
