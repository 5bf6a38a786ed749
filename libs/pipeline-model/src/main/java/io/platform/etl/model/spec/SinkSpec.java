package io.platform.etl.model.spec;

import java.util.List;

/** {@code spec.sink}: the output topic of the last stage. */
public record SinkSpec(String type, Kafka config) {

    /**
     * {@code spec.sink.config}; {@code acknowledgment} is Kafka {@code acks} ({@code all}, {@code 1}, {@code 0}),
     * {@code compression_type} one of none, gzip, snappy, lz4, zstd; {@code serialization} json.
     */
    public record Kafka(List<String> brokers, String topic, Integer partitions, Integer replicationFactor,
                        String serialization, String acknowledgment, String compressionType) {
    }
}
