package io.platform.etl.model.spec;

import java.time.Instant;
import java.util.List;

/** {@code spec.source}: a Kafka topic. */
public record SourceSpec(String type, Kafka config) {

    /**
     * {@code spec.source.config}.
     *
     * @param startTimestamp only with {@code start_offset: timestamp} (an addition of this project)
     * @param security       null when absent
     */
    public record Kafka(List<String> brokers, String topic, String consumerGroup, StartOffset startOffset,
                        Instant startTimestamp, KafkaSecurity security) {
    }

    /** {@code security}: protocol ({@code PLAINTEXT}, {@code SSL}, {@code SASL_PLAINTEXT}, {@code SASL_SSL}) and
     * the name of the secret holding credentials. */
    public record KafkaSecurity(String protocol, String credentialsSecret) {
    }
}
