package io.platform.etl.platform.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** JVM flags of a service: {@code <module>/jvm.options} (one or more per line, {@code #} comments) or defaults. */
public final class JvmOptions {

    public static final List<String> DEFAULT = List.of("-Xmx256m", "-XX:+UseSerialGC");

    private JvmOptions() {
    }

    public static List<String> of(Path module) {
        Path file = module.resolve("jvm.options");
        if (!Files.isRegularFile(file)) {
            return DEFAULT;
        }
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static List<String> parse(String text) {
        return text.lines()
                .map(line -> line.contains("#") ? line.substring(0, line.indexOf('#')) : line)
                .flatMap(line -> Arrays.stream(line.trim().split("\\s+")))
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
