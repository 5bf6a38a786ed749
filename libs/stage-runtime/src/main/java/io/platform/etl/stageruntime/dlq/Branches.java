package io.platform.etl.stageruntime.dlq;

/**
 * Names of the two children a decoding processor forwards to by name: the readable events and the unreadable
 * records bound for the dead-letter topic. Forwarding to one named child replaced a pair of filter + mapValues nodes
 * per branch, which every record passed through (ADR 0332).
 */
public record Branches(String events, String rejects) {

    public static Branches of(String prefix) {
        return new Branches(prefix + "-events", prefix + "-unreadable-bytes");
    }
}
