package io.platform.etl.stagetestkit;

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
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A stage test's side of the real broker: a producer for input records and read_committed readers of outputs. */
public final class KafkaIo implements AutoCloseable {

    private final String bootstrap;
    private final KafkaProducer<byte[], byte[]> producer;

    public KafkaIo(String bootstrap) {
        this.bootstrap = bootstrap;
        // One request in flight: on a loaded machine a timed-out batch otherwise left the idempotent producer
        // retrying OUT_OF_ORDER_SEQUENCE_NUMBER for minutes.
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 65536,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    /** Sends a UTF-8 value (asynchronously; call {@link #flush()} before expecting it downstream). */
    public void send(String topic, String key, String value) {
        send(topic, key, value.getBytes(StandardCharsets.UTF_8));
    }

    public void send(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, bytes(key), value));
    }

    /** Sends a UTF-8 value to one partition (a test that places copies or skew on purpose). */
    public void send(String topic, int partition, String key, String value) {
        send(topic, partition, key, value.getBytes(StandardCharsets.UTF_8), null);
    }

    /** Sends to one partition with headers (null: none). */
    public void send(String topic, int partition, String key, byte[] value, Headers headers) {
        producer.send(new ProducerRecord<>(topic, partition, bytes(key), value, headers));
    }

    public void flush() {
        producer.flush();
    }

    /** A reader from the beginning of every partition of the topic, read_committed. */
    public CommittedTopicReader reader(String topic) {
        return new CommittedTopicReader(bootstrap, topic);
    }

    @Override
    public void close() {
        producer.close();
    }

    /**
     * Polls the topic from the beginning until {@code done} holds for its data records, and returns those (bounded
     * by {@code limit}).
     */
    public static List<ConsumerRecord<byte[], byte[]>> read(CommittedTopicReader reader,
                                                            Predicate<List<ConsumerRecord<byte[], byte[]>>> done,
                                                            Duration limit) {
        return data(reader.until(all -> done.test(data(all)), limit));
    }

    /** The data records: without the watermark control records a stage writes into its output (ADR 0320). */
    public static List<ConsumerRecord<byte[], byte[]>> data(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().filter(r -> !WatermarkRecords.isWatermark(r.headers())).toList();
    }

    /** The bytes as UTF-8 text; null stays null. */
    public static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** The last header of that name as UTF-8 text, or null. */
    public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : text(header.value());
    }

    private static byte[] bytes(String key) {
        return key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    }
}
