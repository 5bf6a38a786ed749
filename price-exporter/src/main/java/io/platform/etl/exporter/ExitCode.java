package io.platform.etl.exporter;

/** Process exit codes of the once mode (what a Kubernetes CronJob sees). */
public enum ExitCode {
    /** Exported, or the date was already published. */
    OK(0),
    /** The export failed (database, storage, files); the run is recorded in export_runs when the DB was reachable. */
    EXPORT_FAILED(1),
    /** A setting is invalid; the message names the environment variable. */
    BAD_SETTINGS(2),
    /** Another export holds the advisory lock. */
    LOCKED(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
