package io.platform.etl.platform.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Keycloak distribution of the local platform: the {@code keycloak-quarkus-dist} zip Maven resolved for this
 * module (its path in {@code dev/target/keycloak-dist.txt}), unpacked once into the state directory. Keycloak's
 * first start "augments" it (~25 s, kept in {@code lib/quarkus}), so a later {@code up} reuses both.
 */
public final class KeycloakDist {

    private static final String DONE_MARKER = ".unpacked";
    private static final String STARTED_MARKER = ".started";

    private KeycloakDist() {
    }

    /** The zip named by {@code <module>/target/keycloak-dist.txt}. */
    public static Path zip(Path module) {
        Path pointer = module.resolve("target/keycloak-dist.txt");
        try {
            Path zip = Path.of(Files.readString(pointer).trim());
            if (!Files.isRegularFile(zip)) {
                throw new IllegalStateException(pointer + " names " + zip + ", which does not exist: rebuild the"
                        + " launcher (./mvnw -pl dev -am package -DskipTests), or use --fast-auth");
            }
            return zip;
        } catch (IOException e) {
            throw new IllegalStateException("no " + pointer + ": rebuild the launcher (./mvnw -pl dev -am package"
                    + " -DskipTests), or use --fast-auth", e);
        }
    }

    /**
     * The distribution's home ({@code bin/kc.sh} inside) under {@code cache}, unpacked from {@code zip} unless a
     * complete copy is there already; a copy interrupted half-way is removed and unpacked again.
     */
    public static Path unpacked(Path zip, Path cache) {
        Path target = target(zip, cache);
        if (Files.exists(target.resolve(DONE_MARKER))) {
            return home(target);
        }
        Directories.deleteRecursively(target);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            Files.createDirectories(target);
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IllegalStateException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    copy(in, out);
                }
            }
            Path home = home(target);
            try (Stream<Path> scripts = Files.list(home.resolve("bin"))) {
                scripts.filter(p -> p.toString().endsWith(".sh")).forEach(p -> p.toFile().setExecutable(true));
            }
            Files.writeString(target.resolve(DONE_MARKER), zip.toString());
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + zip + " into " + target, e);
        }
    }

    /** Whether Keycloak has started from this copy before, so its augmentation is done (a slow first start otherwise). */
    public static boolean startedBefore(Path zip, Path cache) {
        return Files.exists(target(zip, cache).resolve(STARTED_MARKER));
    }

    /** Records that Keycloak started from this copy (its augmentation is in place). */
    public static void markStarted(Path zip, Path cache) {
        try {
            Files.writeString(target(zip, cache).resolve(STARTED_MARKER), "augmented");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path target(Path zip, Path cache) {
        return cache.resolve(zip.getFileName().toString().replaceFirst("\\.zip$", ""));
    }

    private static void copy(InputStream in, Path out) throws IOException {
        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The zip holds one top folder ({@code keycloak-VERSION/}). */
    private static Path home(Path target) {
        try (Stream<Path> children = Files.list(target)) {
            return children.filter(p -> Files.isRegularFile(p.resolve("bin/kc.sh"))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no bin/kc.sh under " + target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
