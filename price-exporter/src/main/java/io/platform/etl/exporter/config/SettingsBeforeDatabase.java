package io.platform.etl.exporter.config;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.BeanInitializedEventListener;
import io.micronaut.context.event.BeanInitializingEvent;
import jakarta.inject.Singleton;

/**
 * Checks the exporter's settings before the connection pool is built, so that a bad OUTPUT_FORMATS or a
 * missing STORAGE_BUCKET is reported as such even when the database is unreachable too.
 */
@Singleton
final class SettingsBeforeDatabase implements BeanInitializedEventListener<DatasourceConfiguration> {

    private final BeanProvider<ExportSettings> settings;

    SettingsBeforeDatabase(BeanProvider<ExportSettings> settings) {
        this.settings = settings;
    }

    @Override
    public DatasourceConfiguration onInitialized(BeanInitializingEvent<DatasourceConfiguration> event) {
        settings.get();
        return event.getBean();
    }
}
