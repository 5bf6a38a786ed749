package io.platform.etl.exporter.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Pattern;

/**
 * CSV dialect. RFC 4180 with CRLF records; the delimiter and a UTF-8 byte order mark (which Excel needs to
 * detect UTF-8) are configurable.
 *
 * @param delimiter one printable ASCII character, {@code ,} by default ({@code ;} suits Excel in comma-decimal locales)
 * @param bom       write a UTF-8 BOM first
 */
@ConfigurationProperties("exporter.csv")
public record CsvProperties(
        // PostgreSQL's COPY renders the CSV and takes a one-byte delimiter
        @Pattern(regexp = "[ !#-~]|\\\\t",
                message = "CSV_DELIMITER must be one printable ASCII character other than a double quote (or \\t for TAB)")
        String delimiter,
        boolean bom) {

    /** The delimiter as a character, with {@code \t} meaning TAB. */
    public char delimiterChar() {
        return "\\t".equals(delimiter) ? '\t' : delimiter.charAt(0);
    }
}
