package io.platform.etl.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The input: JSON events of ~209 bytes, keyed by user; event types cycle click, view, purchase, signup, so three in
 * four pass the pipeline spec's static conditions (and the DSL job's filter).
 */
final class BenchEvents {

    private static final String[] TYPES = {"click", "view", "purchase", "signup"};
    private static final long START = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();

    private BenchEvents() {
    }

    static byte[] event(int i) {
        String json = "{\"event_id\":\"e-" + String.format("%09d", i) + "\",\"user_id\":\"u" + (i % 50_000)
                + "\",\"event_type\":\"" + TYPES[i % TYPES.length] + "\",\"timestamp\":\""
                + Instant.ofEpochMilli(START + i) + "\",\"amount\":" + (i % 300) + ".5,\"ip_address\":\"10.0."
                + (i % 250) + ".1\",\"page\":\"/p/" + (i % 1000) + "\",\"session_id\":\"s-" + (i % 100_000)
                + "\",\"user_agent\":\"Mozilla/5.0 (X11)\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** Writes {@code records} events; returns their average size in bytes. */
    static double preload(String bootstrap, int records) {
        long bytes = 0;
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 262144,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, BenchSettings.COMPRESSION), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            long start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                byte[] value = event(i);
                bytes += value.length;
                p.send(new ProducerRecord<>(BenchSettings.INPUT,
                        ("u" + (i % 50_000)).getBytes(StandardCharsets.UTF_8), value));
            }
            p.flush();
            System.out.printf("preloaded %,d records into %s in %d ms%n", records, BenchSettings.INPUT,
                    (System.nanoTime() - start) / 1_000_000);
        }
        return (double) bytes / records;
    }
}
