package io.platform.etl.stageruntime.eventtime;

import java.util.Locale;

/** Where a stage's input watermark comes from ({@code stage.event-time.source}). */
public enum WatermarkSource {
    /** {@link #DATA} on the pipeline's source topic, {@link #UPSTREAM} on every other topic. */
    AUTO,
    /** Derived from the records' event time per partition (bounded out-of-orderness, idle detection). */
    DATA,
    /** In-band control records written by the upstream stage's tasks. */
    UPSTREAM;

    /** Resolves {@link #AUTO} for a stage consuming {@code input} in a pipeline whose source is {@code sourceTopic}. */
    public WatermarkSource resolve(String input, String sourceTopic) {
        if (this != AUTO) {
            return this;
        }
        return input.equals(sourceTopic) ? DATA : UPSTREAM;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
