package io.platform.etl.stage.enrich.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import org.junit.jupiter.api.Test;

/** The shipped defaults of the profiles database, as Micronaut reads them from application.yml. */
class DatabaseDefaultsTest {

    @Test
    void theDefaultProfilesEntryMatchesTheSpecsConnectionString() {
        try (ApplicationContext ctx = ApplicationContext.builder().deduceEnvironment(false).build()) {
            Environment env = ctx.getEnvironment().start();
            // Unquoted, a default with colons was cut at the last one ("5432/profiles") and matched nothing.
            String match = env.getProperty("enrich.databases.profiles.match", String.class).orElseThrow();
            String url = env.getProperty("enrich.databases.profiles.jdbc-url", String.class).orElseThrow();
            assertThat(url).isEqualTo("jdbc:postgresql://user-db:5432/profiles");
            assertThat(new DatabaseConnection("profiles", match, url, "enrich", null, 2)
                    .matches("postgresql://user-db:5432/profiles")).isTrue();
        }
    }
}
