package io.platform.etl.platform.service;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.spi.ToolProvider;

/**
 * Starts a service from a dynamic class-data archive of everything it loaded at its last start (ADR 0427): half the
 * CPU seconds to healthy on two cores. The JVM maps {@code <dir>/<service>.jsa} when it matches the classpath, and
 * otherwise runs without it and writes a new one when the service exits ({@code -XX:+AutoCreateSharedArchive}).
 * An archive takes jars only, so the module's {@code target/classes} is packed into {@code <dir>/<service>.jar}
 * whenever a file in it is newer than that jar.
 */
public record ClassDataSharing(Path dir) {

    /**
     * Room for the archive's buffers at exit: with the stages' 32 MB class space the JVM could not write it ("Unable
     * to allocate from 'ro' region"). Reservation limits only, not heap or code cache.
     */
    static final List<String> DUMP_ROOM = List.of("-XX:CompressedClassSpaceSize=128m", "-XX:MaxMetaspaceSize=256m");

    /** The JVM flags that come after the module's {@code jvm.options}. */
    public List<String> flags(String service) {
        List<String> flags = new ArrayList<>(DUMP_ROOM);
        flags.add("-XX:SharedArchiveFile=" + dir.resolve(service + ".jsa"));
        flags.add("-XX:+AutoCreateSharedArchive");
        // A missing or stale archive is expected (first start, new build); the JVM would say so on every such start.
        flags.add("-Xlog:cds=off,cds+dynamic=off,aot=off");
        return flags;
    }

    /** The module's classpath with {@code target/classes} replaced by its jar; empty when no jar tool is at hand. */
    public Optional<String> classpath(Path module, String service, String moduleClasspath) {
        Path classes = module.resolve("target/classes");
        Optional<ToolProvider> jarTool = ToolProvider.findFirst("jar");
        if (jarTool.isEmpty() || !moduleClasspath.startsWith(classes + File.pathSeparator)) {
            return Optional.empty();
        }
        Path jar = dir.resolve(service + ".jar");
        // Directories count too: a deleted class changes its directory's time, not any file's.
        if (!Files.exists(jar) || BuildCheck.newestIn(classes, entry -> true).compareTo(packedAt(jar)) > 0) {
            pack(jarTool.get(), classes, jar);
        }
        return Optional.of(jar + moduleClasspath.substring(classes.toString().length()));
    }

    private static void pack(ToolProvider jarTool, Path classes, Path jar) {
        try {
            Files.createDirectories(jar.getParent());
            Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
            StringWriter err = new StringWriter();
            int rc = jarTool.run(new PrintWriter(err), new PrintWriter(err), "--create", "--file", tmp.toString(),
                    "-C", classes.toString(), ".");
            if (rc != 0) {
                Files.deleteIfExists(tmp);
                throw new IllegalStateException("jar of " + classes + " failed: " + err);
            }
            Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack " + classes + " into " + jar, e);
        }
    }

    private static FileTime packedAt(Path jar) {
        try {
            return Files.getLastModifiedTime(jar);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }
}
