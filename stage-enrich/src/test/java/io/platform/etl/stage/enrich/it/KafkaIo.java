package io.platform.etl.stage.enrich.it;

import io.platform.etl.testkit.CommittedTopicReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Test-side producer and read_committed readers on the real broker. */
final class KafkaIo implements AutoCloseable {

    private final String bootstrap;
    private final KafkaProducer<byte[], byte[]> producer;

    KafkaIo(String bootstrap) {
        this.bootstrap = bootstrap;
        // One request in flight: on a loaded machine a timed-out batch otherwise left the idempotent producer
        // retrying OUT_OF_ORDER_SEQUENCE_NUMBER for minutes.
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 65536,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    void send(String topic, String key, String value) {
        send(topic, key, value.getBytes(StandardCharsets.UTF_8));
    }

    void send(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value));
    }

    void send(String topic, int partition, String key, byte[] value, org.apache.kafka.common.header.Headers headers) {
        producer.send(new ProducerRecord<>(topic, partition, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value, headers));
    }

    void flush() {
        producer.flush();
    }

    /** A reader from the beginning of every partition of the topic, read_committed. */
    CommittedTopicReader reader(String topic) {
        return new CommittedTopicReader(bootstrap, topic);
    }

    @Override
    public void close() {
        producer.close();
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
