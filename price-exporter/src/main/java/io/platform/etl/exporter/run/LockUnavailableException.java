package io.platform.etl.exporter.run;

/** Another export holds the advisory lock and did not release it within EXPORT_LOCK_WAIT. */
public final class LockUnavailableException extends RuntimeException {

    public LockUnavailableException(String message) {
        super(message);
    }
}
