package io.platform.etl.stageruntime.eventtime;

/**
 * The event-time watermark of one Kafka Streams task's input, written by the runtime's input processor and read by
 * the stage's processors of the same task (per record or from their punctuators).
 */
public final class TaskWatermark {

    private volatile long current = Long.MIN_VALUE;
    private volatile boolean idle;
    private volatile String inputTopic;

    /** Epoch millis: no later on-time record of this task has an earlier event time; {@link Long#MIN_VALUE} = unknown. */
    public long current() {
        return current;
    }

    /** True while every input of the task is idle (no data and caught up). */
    public boolean idle() {
        return idle;
    }

    /** The topic this task consumes (the stage's input, or a repartition topic). */
    public String inputTopic() {
        return inputTopic;
    }

    void inputTopic(String topic) {
        this.inputTopic = topic;
    }

    /**
     * Sets the watermark to what the task's changelogged store holds when the task is (re)initialized. It may move
     * back: Kafka Streams revives a task after a dirty close (fenced producer, missed rebalance) from its last
     * commit in the same JVM, and this object outlives the task; records re-read after the commit must be judged
     * against the committed watermark, not against the one the aborted transaction had reached.
     */
    void restore(long watermark, boolean idle) {
        this.current = watermark;
        this.idle = idle;
    }

    void update(long watermark, boolean idle) {
        if (watermark > current) {
            current = watermark;
        }
        if (idle != this.idle) {
            this.idle = idle;
        }
    }
}
