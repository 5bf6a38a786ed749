package io.platform.etl.exporter.run;

/** Status of an export attempt in {@code export_runs}. */
public enum RunStatus {
    RUNNING,
    SUCCEEDED,
    FAILED,
    /** Nothing to do: every client of the date was already published and the manifest written. */
    SKIPPED
}
