package io.platform.etl.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The JVM flags an image runs with: its {@code /app/jvm.options}, which the image build copies from the module's
 * {@code jvm.options} or, when the module has none, from {@code k8s/image/jvm.options} (root pom, profile
 * {@code images}). The entrypoint reads it after {@code JAVA_TOOL_OPTIONS}, so its flags win (ADR 0514).
 */
record ImageJvmOptions(Path source, List<String> flags) {

    /** Flags that size the heap: set in the image only, never in a manifest. */
    static final Set<String> HEAP_FLAGS = Set.of("-Xmx", "-Xms", "-XX:MaxHeapSize", "-XX:InitialHeapSize", "-XX:MaxRAM",
            "-XX:MaxRAMPercentage", "-XX:InitialRAMPercentage", "-XX:MinRAMPercentage");

    /** The options of the image {@code etl-platform/<module>:<tag>} built from the repository at {@code repo}. */
    static ImageJvmOptions of(Path repo, String image) {
        String name = image.substring(image.lastIndexOf('/') + 1).replaceAll("[:@].*", "");
        Path own = repo.resolve(name).resolve("jvm.options");
        Path source = Files.isRegularFile(own) ? own : repo.resolve("k8s/image/jvm.options");
        try (Stream<String> lines = Files.lines(source)) {
            return new ImageJvmOptions(repo.relativize(source), lines.map(l -> l.replaceAll("#.*", "").strip())
                    .filter(l -> !l.isEmpty()).flatMap(l -> Stream.of(l.split("\\s+"))).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the JVM keys a flag by: {@code -Xmx96m} → {@code -Xmx}, {@code -XX:+UseSerialGC} → {@code -XX:UseSerialGC}. */
    static String name(String flag) {
        if (flag.startsWith("-XX:")) {
            return "-XX:" + flag.substring(4).replaceFirst("^[+-]", "").replaceFirst("=.*", "");
        }
        if (flag.startsWith("-D")) {
            return flag.replaceFirst("=.*", "");
        }
        for (String sized : List.of("-Xmx", "-Xms", "-Xss", "-Xmn")) {
            if (flag.startsWith(sized)) {
                return sized;
            }
        }
        return flag;
    }

    /** The flag that sizes the heap: an explicit {@code -Xmx}, else the share of the container limit. */
    String heap() {
        return flags.stream().filter(f -> name(f).equals("-Xmx")).findFirst()
                .or(() -> flags.stream().filter(f -> name(f).equals("-XX:MaxRAMPercentage")).findFirst())
                .orElse("JVM default (25 % of the container limit)");
    }

    boolean sets(String flag) {
        return flags.stream().anyMatch(f -> name(f).equals(name(flag)));
    }
}
