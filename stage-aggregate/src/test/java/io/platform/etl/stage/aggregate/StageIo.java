package io.platform.etl.stage.aggregate;

import io.platform.etl.stageruntime.eventtime.WatermarkRecords;
import io.platform.etl.testkit.CommittedTopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Test-side producer (records to a chosen partition) and read_committed readers that leave out the runtime's
 * watermark control records, as a plain consumer of the topics does.
 */
final class StageIo implements AutoCloseable {

    private final String bootstrap;
    private final KafkaProducer<byte[], byte[]> producer;

    StageIo(String bootstrap) {
        this.bootstrap = bootstrap;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 131072,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    void send(String topic, int partition, String key, String value) {
        producer.send(new ProducerRecord<>(topic, partition, key == null ? null : bytes(key), bytes(value)));
    }

    void flush() {
        producer.flush();
    }

    /** Polls the topic from the beginning until {@code done} holds for the data records (bounded by {@code limit}). */
    static List<ConsumerRecord<byte[], byte[]>> read(CommittedTopicReader reader,
                                                     Predicate<List<ConsumerRecord<byte[], byte[]>>> done,
                                                     Duration limit) {
        return data(reader.until(all -> done.test(data(all)), limit));
    }

    /** How many of the records are final results (a text search: cheap enough to call on every poll). */
    static long finals(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().filter(r -> text(r.value()).contains("\"final\":true")).count();
    }

    static List<ConsumerRecord<byte[], byte[]>> data(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().filter(r -> !WatermarkRecords.isWatermark(r.headers())).toList();
    }

    CommittedTopicReader reader(String topic) {
        return new CommittedTopicReader(bootstrap, topic);
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
