package io.platform.etl.platform.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataSharingTest {

    @TempDir
    Path tmp;

    @Test
    void theModuleClassesAreStartedFromAJarOfThemWithTheSameDependencies() throws Exception {
        Path module = module("stage-filter", "io/x/App.class", "application.yml");
        ClassDataSharing cds = new ClassDataSharing(tmp.resolve("cds"));
        String deps = "/repo/libs/a.jar" + File.pathSeparator + "/m2/b.jar";

        String classpath = cds.classpath(module, "stage-filter", classes(module) + File.pathSeparator + deps).orElseThrow();

        Path jar = tmp.resolve("cds/stage-filter.jar");
        assertThat(classpath).isEqualTo(jar + File.pathSeparator + deps);
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getEntry("io/x/App.class")).isNotNull();
            assertThat(file.getEntry("application.yml")).isNotNull();
        }
    }

    @Test
    void theJarIsRepackedOnlyWhenTheClassesChangedSoTheArchiveStaysValid() throws Exception {
        Path module = module("rules-api", "io/x/App.class");
        ClassDataSharing cds = new ClassDataSharing(tmp.resolve("cds"));
        String classpath = classes(module) + File.pathSeparator + "/m2/b.jar";
        Path jar = tmp.resolve("cds/rules-api.jar");
        cds.classpath(module, "rules-api", classpath);
        FileTime packed = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        Files.setLastModifiedTime(jar, packed);
        try (var tree = Files.walk(classes(module))) {
            for (Path p : tree.toList()) {
                Files.setLastModifiedTime(p, FileTime.fromMillis(packed.toMillis() - 1_000));
            }
        }

        cds.classpath(module, "rules-api", classpath);
        assertThat(Files.getLastModifiedTime(jar)).isEqualTo(packed);

        Files.writeString(classes(module).resolve("io/x/New.class"), "new");
        cds.classpath(module, "rules-api", classpath);
        assertThat(Files.getLastModifiedTime(jar)).isNotEqualTo(packed);
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getEntry("io/x/New.class")).isNotNull();
        }
    }

    @Test
    void aClasspathThatDoesNotStartWithTheModuleClassesIsLeftAlone() throws Exception {
        Path module = module("stage-dedupe", "io/x/App.class");

        assertThat(new ClassDataSharing(tmp.resolve("cds")).classpath(module, "stage-dedupe", "/elsewhere/classes"))
                .isEmpty();
    }

    @Test
    void theFlagsComeAfterJvmOptionsAndGiveTheArchiveRoomToBeWritten() {
        var flags = new ClassDataSharing(tmp.resolve("cds")).flags("stage-enrich");

        assertThat(flags).contains("-XX:SharedArchiveFile=" + tmp.resolve("cds/stage-enrich.jsa"),
                "-XX:+AutoCreateSharedArchive", "-XX:CompressedClassSpaceSize=128m");
    }

    private Path module(String name, String... files) throws Exception {
        Path module = tmp.resolve(name);
        for (String f : files) {
            Path p = classes(module).resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, f);
        }
        return module;
    }

    private static Path classes(Path module) {
        return module.resolve("target/classes");
    }
}
