package io.platform.etl.stageruntime.eventtime;

/**
 * What one upstream source says about its progress.
 *
 * @param source    unique id of the emitting task
 * @param watermark epoch millis; {@link Long#MIN_VALUE} = not known yet
 * @param sources   how many sources write into the topic this mark travels on
 * @param idle      the source has no input for now and is left out of the minimum
 */
public record WatermarkMark(String source, long watermark, int sources, boolean idle) {

    public WatermarkMark {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("watermark source must not be blank");
        }
        if (sources < 1) {
            throw new IllegalArgumentException("watermark sources must be >= 1, was " + sources);
        }
    }
}
