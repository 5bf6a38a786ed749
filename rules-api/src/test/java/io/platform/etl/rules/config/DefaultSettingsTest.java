package io.platform.etl.rules.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.platform.etl.model.rules.publish.RuleKeys;
import org.junit.jupiter.api.Test;

/**
 * Defaults in application.yml as Micronaut resolves them (no beans started). A default holding ':' must be quoted
 * with backticks, or Micronaut reads {@code ${A:etl:rules}} as "A, else the property etl, else rules".
 */
class DefaultSettingsTest {

    @Test
    void publishesUnderTheKeyPrefixTheStagesReadByDefault() {
        try (ApplicationContext context = ApplicationContext.builder().environmentPropertySource(false).build()) {
            context.getEnvironment().start();

            assertThat(context.getProperty("rules.redis.prefix", String.class)).contains(RuleKeys.DEFAULT_PREFIX);
        }
    }
}
