package io.platform.etl.stageruntime.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's plug-in example is {@link UppercaseTypeTopology}, verbatim, so it compiles and cannot drift. */
class ReadmeExampleTest {

    private static final Path SOURCE =
            Path.of("src/test/java/io/platform/etl/stageruntime/example/UppercaseTypeTopology.java");

    @Test
    void readmeShowsTheCompiledExampleVerbatim() throws IOException {
        String source = Files.readString(SOURCE);
        int start = source.indexOf("// tag::example[]\n");
        int end = source.indexOf("// end::example[]");
        assertThat(start).as("tag::example in %s", SOURCE).isNotNegative();
        assertThat(end).isGreaterThan(start);
        String example = source.substring(start + "// tag::example[]\n".length(), end);

        assertThat(Files.readString(Path.of("README.md"))).contains("```java\n" + example + "```\n");
    }
}
