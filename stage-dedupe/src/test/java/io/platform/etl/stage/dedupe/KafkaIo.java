package io.platform.etl.stage.dedupe;

import io.platform.etl.stageruntime.eventtime.WatermarkRecords;
import io.platform.etl.testkit.CommittedTopicReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Test-side producer (to a chosen partition) and read_committed readers on the real broker. */
final class KafkaIo implements AutoCloseable {

    private final String bootstrap;
    private final KafkaProducer<byte[], byte[]> producer;

    KafkaIo(String bootstrap) {
        this.bootstrap = bootstrap;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 65536,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    void send(String topic, int partition, String key, String value) {
        producer.send(new ProducerRecord<>(topic, partition, key == null ? null : bytes(key), bytes(value)));
    }

    void flush() {
        producer.flush();
    }

    CommittedTopicReader reader(String topic) {
        return new CommittedTopicReader(bootstrap, topic);
    }

    @Override
    public void close() {
        producer.close();
    }

    /** The data records: without the watermark control records the stage writes into its output (ADR 0320). */
    static List<ConsumerRecord<byte[], byte[]>> data(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().filter(r -> !WatermarkRecords.isWatermark(r.headers())).toList();
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
