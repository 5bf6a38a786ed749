package io.platform.etl.stage.dedupe.stream;

/**
 * A record between the stage's processors: its value bytes and whether it goes to the dead-letter topic (with the
 * error headers already set) instead of the output, or around the dedupe step (no key to judge it by).
 */
public record Routed(byte[] value, Target target) {

    public enum Target { JUDGE, OUTPUT, DEAD_LETTER }
}
