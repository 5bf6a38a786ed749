package io.platform.etl.exporter.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Pattern;

/**
 * CSV dialect. RFC 4180 with CRLF records; the delimiter and a UTF-8 byte order mark (which Excel needs to
 * detect UTF-8) are configurable.
 *
 * @param delimiter one character, {@code ,} by default ({@code ;} suits Excel in comma-decimal locales)
 * @param bom       write a UTF-8 BOM first
 */
@ConfigurationProperties("exporter.csv")
public record CsvProperties(
        @Pattern(regexp = "[^\"\\r\\n]|\\\\t", message = "CSV_DELIMITER must be a single character other than a quote or newline (or \\t)")
        String delimiter,
        boolean bom) {

    /** The delimiter as a character, with {@code \t} meaning TAB. */
    public char delimiterChar() {
        return "\\t".equals(delimiter) ? '\t' : delimiter.charAt(0);
    }
}
