package io.platform.etl.bench.kit;

import java.util.Map;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes a benchmark's input backlog before anything is measured. */
public final class Preload {

    private Preload() {
    }

    /** Sends {@code records} records made by {@code record} (lz4, 256 KB batches, 20 ms linger), then flushes. */
    public static void send(String bootstrap, String what, int records,
                            IntFunction<ProducerRecord<byte[], byte[]>> record) {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 262144,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new ByteArraySerializer(), new ByteArraySerializer())) {
            long start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                p.send(record.apply(i));
            }
            p.flush();
            System.out.printf("preloaded %,d records into %s in %d ms%n", records, what,
                    (System.nanoTime() - start) / 1_000_000);
        }
    }
}
