import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Bytes;

/**
 * What the stage's changelog ({@code <application.id>-aggregate-state}, ADR 0705) holds per (window, group) entry:
 * every committed record up to the changelog's end when the read starts, the last value per key kept, a tombstone
 * deleting it. Bytes are the entry's key without its two prefix bytes (window start + group key JSON) and value
 * (encoded accumulators); the in-memory entry holds the group key, the value and 2 length bytes in one array
 * ({@link StateFootprint} measures the heap). The broker's 1 GB segments mean nothing of a bench run is compacted away.
 */
final class WindowStoreSize {

    static final Duration READ_LIMIT = Duration.ofSeconds(60);

    /**
     * @param keys           (window, group) keys ever written
     * @param meanKeyBytes   mean key bytes over those keys
     * @param meanValueBytes mean bytes of each key's last value before its deletion (or now)
     * @param live           keys whose last changelog record is a value, not a tombstone (windows still open)
     * @param liveMeanBytes  mean key + value bytes of those
     * @param records        changelog records read, tombstones included
     * @param tombstoneOnly  keys seen only as a tombstone: created and closed within one loop iteration, so their
     *                       state never reached the changelog
     */
    record Figures(long keys, double meanKeyBytes, double meanValueBytes, long live, double liveMeanBytes,
                   long records, long tombstoneOnly) {

        String markdown() {
            return keys == 0 ? "changelog empty" : ("%.1f B (key %.1f + value %.1f) over %,d (window, group) keys"
                    + " written; %,d live at the read, %.1f B each; %,d changelog records; %,d keys only ever a"
                    + " tombstone").formatted(meanKeyBytes + meanValueBytes, meanKeyBytes, meanValueBytes, keys, live,
                    liveMeanBytes, records, tombstoneOnly);
        }
    }

    private WindowStoreSize() {
    }

    static Figures read(String bootstrap, String applicationId) {
        String topic = applicationId + "-aggregate-state";
        Map<Bytes, Integer> lastValueBytes = new HashMap<>();
        Set<Bytes> live = new HashSet<>();
        Set<Bytes> deleted = new HashSet<>();
        long records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + READ_LIMIT.toNanos();
            while (!partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(topic + " not read to its end within " + READ_LIMIT);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    // Window entries only: the runtime's prefix 1 (the stage's entries), then the stage's 0 (a window
                    // entry, not its progress marks); the figure counts the key without these two bytes.
                    if (r.key() == null || r.key().length < 10 || r.key()[0] != 1 || r.key()[1] != 0) {
                        continue;
                    }
                    records++;
                    Bytes key = Bytes.wrap(java.util.Arrays.copyOfRange(r.key(), 2, r.key().length));
                    if (r.value() == null) {
                        live.remove(key);
                        deleted.add(key);
                    } else {
                        lastValueBytes.put(key, r.value().length);
                        live.add(key);
                    }
                }
            }
        }
        double keyMean = lastValueBytes.keySet().stream().mapToInt(k -> k.get().length).average().orElse(Double.NaN);
        double valueMean = lastValueBytes.values().stream().mapToInt(Integer::intValue).average().orElse(Double.NaN);
        double liveMean = live.stream().mapToInt(k -> k.get().length + lastValueBytes.get(k)).average()
                .orElse(Double.NaN);
        deleted.removeAll(lastValueBytes.keySet());
        Figures figures = new Figures(lastValueBytes.size(), keyMean, valueMean, live.size(), liveMean, records,
                deleted.size());
        System.out.printf("[%s] window store: %s%n", applicationId, figures.markdown());
        return figures;
    }
}
