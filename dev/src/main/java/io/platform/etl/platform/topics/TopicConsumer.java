package io.platform.etl.platform.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A group-less read_committed consumer assigned to every partition of one pipeline topic, for the launcher's
 * {@code topic} and {@code tail} commands; it reads what a stage reads and commits nothing.
 */
public final class TopicConsumer implements AutoCloseable {

    /** The runtime's watermark control records (ADR 0320) are plumbing, not data: readers leave them out. */
    private static final String WATERMARK_HEADER = "x-etl-watermark";

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;

    /** @throws IllegalArgumentException when the broker has no such topic */
    public TopicConsumer(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "platform-reader"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            consumer.close();
            throw new IllegalArgumentException("no topic '" + topic + "' on " + bootstrapServers);
        }
        partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
    }

    /** Positions every partition {@code perPartition} records before its end (0 = at the end: only new records). */
    public void seekBeforeEnd(int perPartition) {
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        partitions.forEach(p -> consumer.seek(p, Math.max(begin.get(p), end.get(p) - perPartition)));
    }

    /** The data records of one poll, watermark control records left out. */
    public List<ConsumerRecord<byte[], byte[]>> poll(Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> data = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            if (record.headers().lastHeader(WATERMARK_HEADER) == null) {
                data.add(record);
            }
        }
        return data;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
