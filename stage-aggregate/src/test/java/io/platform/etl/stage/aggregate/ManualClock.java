package io.platform.etl.stage.aggregate;

/** The pipeline watermark as a partition test sets it (the runtime's in-band watermarks are tested in the ITs). */
final class ManualClock {

    private long watermark = Long.MIN_VALUE;
    private boolean idle;

    long watermark() {
        return watermark;
    }

    boolean idle() {
        return idle;
    }

    void watermark(String isoInstant) {
        watermark = java.time.Instant.parse(isoInstant).toEpochMilli();
    }

    /** As a new owner before any upstream mark reached it. */
    void unknown() {
        watermark = Long.MIN_VALUE;
    }

    void idle(boolean idle) {
        this.idle = idle;
    }
}
