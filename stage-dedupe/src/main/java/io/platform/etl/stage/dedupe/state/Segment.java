package io.platform.etl.stage.dedupe.state;

/**
 * A slice of event time, {@code [start, start + width)} in epoch millis, holding the keys that passed with an event
 * time inside it. Exact buckets and Bloom segments are both segments; a whole segment is dropped once the expiry
 * horizon has passed its end.
 */
public record Segment(long start, long width) {

    public long end() {
        return start + width;
    }

    public boolean contains(long time) {
        return time >= start && time < end();
    }

    /** Whether a key stored here can lie within {@code window} of {@code time} (strictly). */
    public boolean near(long time, long window) {
        return start < time + window && end() > time - window;
    }
}
