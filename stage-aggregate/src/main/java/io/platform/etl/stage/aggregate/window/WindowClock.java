package io.platform.etl.stage.aggregate.window;

/**
 * The watermark one task closes windows by: the pipeline's watermark for the task, never moving back below what
 * was already used for closing ({@code floor}, persisted), and — once the whole input has been idle for
 * {@code idleCloseMillis} of wall-clock time — at least the wall clock, so the last windows close without waiting
 * for the next record. While any upstream source is active the wall clock plays no part: a slow or stopped upstream
 * holds windows open instead of making its records late.
 */
public final class WindowClock {

    private final long idleCloseMillis;
    private long idleSince = -1;

    public WindowClock(long idleCloseMillis) {
        this.idleCloseMillis = idleCloseMillis;
    }

    /**
     * @param floor     watermark already used for closing (Long.MIN_VALUE when none)
     * @param watermark the task's input watermark (Long.MIN_VALUE while unknown)
     * @param idle      true while every upstream source of the task is idle
     * @param now       wall-clock millis
     */
    public long effective(long floor, long watermark, boolean idle, long now) {
        if (!idle) {
            idleSince = -1;
        } else if (idleSince < 0) {
            idleSince = now;
        }
        long effective = Math.max(floor, watermark);
        if (idle && now - idleSince >= idleCloseMillis) {
            effective = Math.max(effective, now);
        }
        return effective;
    }
}
