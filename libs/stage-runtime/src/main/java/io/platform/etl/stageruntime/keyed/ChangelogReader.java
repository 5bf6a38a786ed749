package io.platform.etl.stageruntime.keyed;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads one changelog partition from its start to its last stable offset (read_committed: only what committed
 * transactions wrote), for a restore (ADR 0340). One consumer per deciding loop thread, assigned by hand, no group.
 */
final class ChangelogReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;

    ChangelogReader(Map<String, Object> consumerProps, String topic) {
        this.consumer = new KafkaConsumer<>(consumerProps);
        this.topic = topic;
    }

    /** Feeds every entry of {@code partition} (key, value; null value = deleted); returns how many were read. */
    long read(int partition, BiConsumer<byte[], byte[]> entry) {
        TopicPartition tp = new TopicPartition(topic, partition);
        consumer.assign(List.of(tp));
        consumer.seekToBeginning(List.of(tp));
        long end = consumer.endOffsets(List.of(tp)).get(tp);
        long read = 0;
        while (consumer.position(tp) < end) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                entry.accept(r.key(), r.value());
                read++;
            }
        }
        consumer.assign(List.of());
        return read;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
