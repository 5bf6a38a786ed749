package io.platform.etl.stageruntime.dlq;

/** How the runtime treats a failure. */
public enum ErrorClass {
    /** May succeed on retry (broker or dependency temporarily unavailable): retried with exponential backoff. */
    TRANSIENT,
    /** Caused by this record; retrying cannot help: the record goes to the dead-letter topic, the stage goes on. */
    PERMANENT,
    /** The stage cannot go on (fenced, unauthorized, JVM error): stop, health DOWN. */
    FATAL
}
