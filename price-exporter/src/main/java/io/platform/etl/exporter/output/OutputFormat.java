package io.platform.etl.exporter.output;

import java.util.Locale;

/** File formats a price list is written in. */
public enum OutputFormat {
    CSV("csv", "text/csv; charset=utf-8"),
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final String extension;
    private final String contentType;

    OutputFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    /** File extension and the name used in OUTPUT_FORMATS, the manifest and export_progress. */
    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    /** Parses one OUTPUT_FORMATS entry, case-insensitively. */
    public static OutputFormat parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
