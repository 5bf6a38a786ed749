package io.platform.etl.exporter.config;

import io.micronaut.context.annotation.Context;
import io.platform.etl.exporter.output.OutputFormat;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Typed, checked view of the exporter's settings. Created with the context ({@link Context}) so that every
 * bad value (including the bean validation of the property records it depends on) fails the start.
 */
@Context
public final class ExportSettings {

    private final ExporterProperties props;
    private final List<OutputFormat> formats;
    private final ZoneId zone;
    private final Optional<LocalDate> fixedRunDate;
    private final Path workDir;

    public ExportSettings(ExporterProperties props, StorageProperties storage, CsvProperties csv,
                          NotifyProperties notify, MetricsPushProperties push) {
        this.props = props;
        this.formats = parseFormats(props.outputFormats());
        this.zone = parseZone(props.zone());
        this.fixedRunDate = parseRunDate(props.runDate());
        this.workDir = props.workDir() == null || props.workDir().isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "price-exporter")
                : Path.of(props.workDir());
        if (notify.webhookUrl() != null && !notify.webhookUrl().isBlank() && "telegram".equals(notify.format())
                && (notify.telegramChatId() == null || notify.telegramChatId().isBlank())) {
            throw new SettingsException("NOTIFY_TELEGRAM_CHAT_ID must be set when NOTIFY_FORMAT=telegram");
        }
        if ((storage.accessKey() == null || storage.accessKey().isBlank())
                != (storage.secretKey() == null || storage.secretKey().isBlank())) {
            throw new SettingsException("STORAGE_ACCESS_KEY and STORAGE_SECRET_KEY must be set together");
        }
    }

    public List<OutputFormat> formats() {
        return formats;
    }

    public ZoneId zone() {
        return zone;
    }

    /** RUN_DATE when given, otherwise today in EXPORT_ZONE at the time of the call. */
    public LocalDate runDate(Clock clock) {
        return fixedRunDate.orElseGet(() -> LocalDate.now(clock.withZone(zone)));
    }

    public boolean runDateFixed() {
        return fixedRunDate.isPresent();
    }

    public boolean onceMode() {
        return "once".equals(props.mode());
    }

    public Path workDir() {
        return workDir;
    }

    public ExporterProperties props() {
        return props;
    }

    static List<OutputFormat> parseFormats(String value) {
        EnumSet<OutputFormat> set = EnumSet.noneOf(OutputFormat.class);
        for (String part : value.split(",")) {
            try {
                set.add(OutputFormat.parse(part));
            } catch (IllegalArgumentException e) {
                throw new SettingsException("OUTPUT_FORMATS has an unknown format '" + part.trim()
                        + "'; allowed: " + Arrays.stream(OutputFormat.values()).map(OutputFormat::extension).toList());
            }
        }
        return List.copyOf(set);
    }

    static Optional<LocalDate> parseRunDate(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value.trim()));
        } catch (DateTimeParseException e) {
            throw new SettingsException("RUN_DATE '" + value + "' is not a valid ISO date (YYYY-MM-DD)");
        }
    }

    static ZoneId parseZone(String value) {
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new SettingsException("EXPORT_ZONE '" + value + "' is not a time zone id (e.g. UTC, Europe/Moscow)");
        }
    }
}
