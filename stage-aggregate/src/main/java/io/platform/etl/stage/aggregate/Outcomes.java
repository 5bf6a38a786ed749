package io.platform.etl.stage.aggregate;

/** The {@code status} values of the stage's {@code throughput} metric. */
final class Outcomes {

    static final String AGGREGATED = "aggregated";
    static final String LATE_DROPPED = "late_dropped";
    static final String LATE_DEAD_LETTER = "late_dead_letter";
    static final String LATE_PROCESSED = "late_processed";
    static final String LATE_EXPIRED = "late_expired";

    private Outcomes() {
    }
}
