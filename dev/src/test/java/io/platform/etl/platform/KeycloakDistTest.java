package io.platform.etl.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.etl.platform.infra.KeycloakDist;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeycloakDistTest {

    @TempDir
    Path dir;

    @Test
    void unpacksTheZipOnceWithExecutableScriptsAndReusesItNextTime() throws IOException {
        Path zip = distZip("keycloak-9.9.9.zip");
        Path cache = dir.resolve("cache");

        Path home = KeycloakDist.unpacked(zip, cache);

        assertThat(home).isEqualTo(cache.resolve("keycloak-9.9.9/keycloak-9.9.9"));
        assertThat(home.resolve("bin/kc.sh")).isExecutable();
        assertThat(home.resolve("lib/lib.txt")).hasContent("library");
        // What Keycloak's first start adds (its augmentation) survives the next up.
        Files.createDirectories(home.resolve("lib/quarkus"));
        Files.writeString(home.resolve("lib/quarkus/augmented"), "yes");
        assertThat(KeycloakDist.unpacked(zip, cache)).isEqualTo(home);
        assertThat(home.resolve("lib/quarkus/augmented")).exists();
    }

    @Test
    void remembersThatKeycloakStartedFromTheCopy() throws IOException {
        Path zip = distZip("keycloak-9.9.9.zip");
        Path cache = dir.resolve("cache");
        KeycloakDist.unpacked(zip, cache);
        assertThat(KeycloakDist.startedBefore(zip, cache)).isFalse();

        KeycloakDist.markStarted(zip, cache);

        assertThat(KeycloakDist.startedBefore(zip, cache)).isTrue();
        assertThat(KeycloakDist.unpacked(zip, cache)).as("still the same copy").exists();
    }

    @Test
    void aCopyInterruptedHalfWayIsUnpackedAgain() throws IOException {
        Path zip = distZip("keycloak-9.9.9.zip");
        Path cache = dir.resolve("cache");
        Path partial = cache.resolve("keycloak-9.9.9/keycloak-9.9.9/bin");
        Files.createDirectories(partial);
        Files.writeString(partial.resolve("leftover"), "half");

        Path home = KeycloakDist.unpacked(zip, cache);

        assertThat(home.resolve("bin/kc.sh")).exists();
        assertThat(home.resolve("bin/leftover")).doesNotExist();
    }

    private Path distZip(String name) throws IOException {
        Path zip = dir.resolve(name);
        String top = name.replace(".zip", "") + "/";
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry(top));
            out.putNextEntry(new ZipEntry(top + "bin/"));
            write(out, top + "bin/kc.sh", "#!/bin/sh\n");
            write(out, top + "lib/lib.txt", "library");
        }
        return zip;
    }

    private static void write(ZipOutputStream out, String entry, String content) throws IOException {
        out.putNextEntry(new ZipEntry(entry));
        OutputStream body = out;
        body.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
