package io.platform.etl.stage.aggregate;

/** The pipeline watermark as a topology test sets it (the runtime's in-band watermarks are tested in the ITs). */
final class ManualClock implements EventClock {

    private volatile long watermark = Long.MIN_VALUE;
    private volatile boolean idle;

    @Override
    public long watermark() {
        return watermark;
    }

    @Override
    public boolean idle() {
        return idle;
    }

    void watermark(String isoInstant) {
        watermark = java.time.Instant.parse(isoInstant).toEpochMilli();
    }

    void idle(boolean idle) {
        this.idle = idle;
    }
}
