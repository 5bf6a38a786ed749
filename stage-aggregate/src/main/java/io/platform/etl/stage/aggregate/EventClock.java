package io.platform.etl.stage.aggregate;

/**
 * The event-time progress of one stream task, as the stage runtime tracks it from the in-band watermarks of the
 * upstream tasks. The only place the stage touches the runtime's watermark API.
 */
public interface EventClock {

    /** The task's input watermark; {@link Long#MIN_VALUE} while unknown. */
    long watermark();

    /** True while every upstream source of the task is idle. */
    boolean idle();
}
