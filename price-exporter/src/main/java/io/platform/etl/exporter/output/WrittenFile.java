package io.platform.etl.exporter.output;

import java.nio.file.Path;

/** A price-list file on local disk, with what the manifest needs to know about it. */
public record WrittenFile(OutputFormat format, Path path, long rows, long bytes, String sha256) {
}
