package io.platform.etl.stage.enrich.watermark;

/**
 * One in-band watermark: {@code source} promises no later record with an event time below {@code watermark}.
 * Stand-in for the runtime's {@code eventtime.WatermarkMark} until it is merged (same shape).
 *
 * @param sources how many sources write into the topic
 * @param idle    the source has no input and is left out of the minimum
 */
public record WatermarkMark(String source, long watermark, int sources, boolean idle) {
}
