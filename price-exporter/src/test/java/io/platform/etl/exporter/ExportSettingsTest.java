package io.platform.etl.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.platform.etl.exporter.config.ExportSettings;
import io.platform.etl.exporter.output.OutputFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings come from environment variables through application.yml; no server is touched here. */
class ExportSettingsTest {

    private static ApplicationContext context(Map<String, Object> env) {
        Map<String, Object> p = new HashMap<>(env);
        p.put("exporter.mode", "once");
        p.putIfAbsent("STORAGE_BUCKET", "prices");
        // No database behind these tests: let the pool start without connecting and skip migrations.
        p.put("datasources.default.initialization-fail-timeout", "-1");
        p.put("flyway.datasources.default.enabled", "false");
        return ApplicationContext.builder().properties(p).deduceEnvironment(false).start();
    }

    @Test
    void mapsTheSeedVariablesToTypedSettings() {
        try (ApplicationContext ctx = context(Map.of("OUTPUT_FORMATS", "xlsx, CSV", "RUN_DATE", "2025-01-31",
                "DB_HOST", "db.internal", "DB_PORT", "6432", "DB_NAME", "shop", "STORAGE_PREFIX", "exports/prices"))) {
            ExportSettings settings = ctx.getBean(ExportSettings.class);
            assertThat(settings.formats()).containsExactly(OutputFormat.CSV, OutputFormat.XLSX);
            assertThat(settings.runDate(Clock.systemUTC())).isEqualTo(LocalDate.of(2025, 1, 31));
            assertThat(ctx.getProperty("datasources.default.url", String.class))
                    .contains("jdbc:postgresql://db.internal:6432/shop");
            assertThat(ctx.getProperty("exporter.storage.prefix", String.class)).contains("exports/prices");
        }
    }

    @Test
    void defaultsToBothFormatsTodayInTheExportZoneAndSixOClock() {
        try (ApplicationContext ctx = context(Map.of("EXPORT_ZONE", "Asia/Vladivostok"))) {
            ExportSettings settings = ctx.getBean(ExportSettings.class);
            assertThat(settings.formats()).containsExactly(OutputFormat.CSV, OutputFormat.XLSX);
            Clock lateEveningUtc = Clock.fixed(Instant.parse("2025-03-09T20:00:00Z"), ZoneOffset.UTC);
            assertThat(settings.runDate(lateEveningUtc)).isEqualTo(LocalDate.of(2025, 3, 10));
            assertThat(ctx.getProperty("exporter.cron", String.class)).contains("0 0 6 * * *");
        }
    }

    @Test
    void rejectsAnUnknownFormatNamingOutputFormats() {
        assertThatThrownBy(() -> context(Map.of("OUTPUT_FORMATS", "csv,pdf")).close())
                .hasStackTraceContaining("OUTPUT_FORMATS");
    }

    @Test
    void rejectsAnImpossibleDateNamingRunDate() {
        assertThatThrownBy(() -> context(Map.of("RUN_DATE", "2025-02-30")).close())
                .hasStackTraceContaining("RUN_DATE '2025-02-30' is not a valid ISO date");
    }

    @Test
    void rejectsAMissingBucketNamingStorageBucket() {
        assertThatThrownBy(() -> context(Map.of("STORAGE_BUCKET", "")).close())
                .hasStackTraceContaining("STORAGE_BUCKET must be set");
    }

    @Test
    void requiresAChatIdForTelegram() {
        assertThatThrownBy(() -> context(Map.of("NOTIFY_WEBHOOK_URL", "https://api.telegram.org/botX/sendMessage",
                "NOTIFY_FORMAT", "telegram")).close())
                .hasStackTraceContaining("NOTIFY_TELEGRAM_CHAT_ID");
    }
}
