package io.platform.etl.stageruntime.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.AbstractPropertySourceLoader;
import io.micronaut.context.env.PropertySource;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageEndpointDefaultsTest {

    @Test
    void everyContextGetsTheStageEndpointSettingsWithoutAnyYml() {
        try (ApplicationContext context = ApplicationContext.run()) {
            assertThat(context.getProperty("endpoints.prometheus.sensitive", Boolean.class)).contains(false);
            assertThat(context.getProperty("endpoints.health.details-visible", String.class)).contains("ANONYMOUS");
            assertThat(context.getProperty("micronaut.metrics.export.prometheus.enabled", Boolean.class))
                    .contains(true);
        }
    }

    @Test
    void aStagesApplicationYmlStillOverridesThem() {
        try (ApplicationContext context = ApplicationContext.builder()
                .propertySources(PropertySource.of("application", Map.of("endpoints.health.details-visible", "NEVER"),
                        AbstractPropertySourceLoader.DEFAULT_POSITION))
                .start()) {
            assertThat(context.getProperty("endpoints.health.details-visible", String.class)).contains("NEVER");
        }
    }
}
