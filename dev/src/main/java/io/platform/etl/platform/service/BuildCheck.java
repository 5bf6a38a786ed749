package io.platform.etl.platform.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Decides which modules need a build: a service whose {@code target/classes} or
 * {@code target/runtime-classpath.txt} is missing or older than its sources ({@code src/main}, {@code pom.xml}),
 * and the libraries under {@code libs/} whose jar is older than their sources.
 */
public final class BuildCheck {

    static final String CLASSPATH_FILE = "target/runtime-classpath.txt";

    private BuildCheck() {
    }

    /** Module paths relative to the root (e.g. {@code stage-filter}, {@code libs/pipeline-model}) to rebuild. */
    public static List<String> staleModules(Path root, List<ServiceSpec> services) {
        List<String> stale = new ArrayList<>();
        for (Path lib : libraries(root)) {
            Optional<FileTime> jar = newestJar(lib.resolve("target"));
            if (jar.isEmpty() || newestSource(lib).compareTo(jar.get()) > 0) {
                stale.add(root.relativize(lib).toString());
            }
        }
        for (ServiceSpec service : services) {
            if (serviceStale(root.resolve(service.name()))) {
                stale.add(service.name());
            }
        }
        return stale;
    }

    /** Whether the module has what a start needs, fresh or not. */
    public static boolean built(Path module) {
        return Files.isDirectory(module.resolve("target/classes")) && Files.isRegularFile(module.resolve(CLASSPATH_FILE));
    }

    static boolean serviceStale(Path module) {
        Path classes = module.resolve("target/classes");
        Path classpath = module.resolve(CLASSPATH_FILE);
        if (!Files.isDirectory(classes) || !Files.isRegularFile(classpath)) {
            return true;
        }
        return newestSource(module).compareTo(modified(classpath)) > 0;
    }

    /** The newest modification time among {@code pom.xml} and everything under {@code src/main}. */
    static FileTime newestSource(Path module) {
        FileTime newest = Files.exists(module.resolve("pom.xml")) ? modified(module.resolve("pom.xml")) : FileTime.fromMillis(0);
        Path main = module.resolve("src/main");
        if (!Files.isDirectory(main)) {
            return newest;
        }
        FileTime sources = newestIn(main, Files::isRegularFile);
        return sources.compareTo(newest) > 0 ? sources : newest;
    }

    /** The newest modification time of the entries under {@code tree} (itself included) that {@code which} keeps. */
    static FileTime newestIn(Path tree, Predicate<Path> which) {
        try (Stream<Path> entries = Files.walk(tree)) {
            return entries.filter(which).map(BuildCheck::modified).max(FileTime::compareTo).orElse(FileTime.fromMillis(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> libraries(Path root) {
        Path libs = root.resolve("libs");
        if (!Files.isDirectory(libs)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(libs)) {
            // Only modules that build a jar: a parent pom (libs/stage-parent) has no sources and no jar, and
            // would otherwise be stale for ever and rebuild everything on each start.
            return dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("src/main")))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<FileTime> newestJar(Path target) {
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.toString().endsWith(".jar")).map(BuildCheck::modified)
                    .max(FileTime::compareTo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
