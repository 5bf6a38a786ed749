package io.platform.etl.bench;

import java.time.Duration;

/** Settings every job of the benchmark shares, so the jobs differ only in their code. */
final class BenchSettings {

    /** The spec's sink compression (stage-runtime uses it too). */
    static final String COMPRESSION = "lz4";
    /** Transaction length: Kafka Streams' default commit interval under exactly-once, the stages' default. */
    static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);
    static final int PARTITIONS = 4;
    static final String INPUT = "bench.in";
    static final String DEAD_LETTERS = "bench.dlq";

    private BenchSettings() {
    }
}
