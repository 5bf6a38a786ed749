package io.platform.etl.stage.dedupe.stream;

/**
 * A record leaving the dedupe processor: its value bytes and whether it goes to the output or to the dead-letter
 * topic (with the error headers already set).
 */
public record Routed(byte[] value, Target target) {

    public enum Target { OUTPUT, DEAD_LETTER }
}
