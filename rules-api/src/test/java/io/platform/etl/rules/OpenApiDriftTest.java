package io.platform.etl.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The committed contract openapi/rules-api.yml must equal the document micronaut-openapi generates from the code.
 * Regenerate with: ./mvnw -B -pl rules-api test -Dtest=OpenApiDriftTest -Dopenapi.update=true
 */
class OpenApiDriftTest {

    private static final Path COMMITTED = Path.of("..", "openapi", "rules-api.yml");
    private static final String GENERATED = "META-INF/swagger/rules-api.yml";

    @Test
    void committedOpenApiDocumentMatchesTheGeneratedOne() throws IOException {
        String generated;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(GENERATED)) {
            assertThat(in).as("generated document " + GENERATED).isNotNull();
            generated = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        if (Boolean.getBoolean("openapi.update")) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, generated);
        }
        assertThat(COMMITTED).as("committed contract; create it with -Dopenapi.update=true").exists();
        Object committed = new Yaml().load(Files.readString(COMMITTED));
        assertThat(committed)
                .as("openapi/rules-api.yml differs from the generated document; if the change is intended run "
                        + "./mvnw -B -pl rules-api test -Dtest=OpenApiDriftTest -Dopenapi.update=true and commit it")
                .isEqualTo(new Yaml().load(generated));
    }
}
