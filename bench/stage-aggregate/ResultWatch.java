import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.platform.etl.stageruntime.eventtime.WatermarkRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the stage's results on their own thread as a downstream read_committed consumer does, from the beginning
 * of every partition, and keeps per (window, group) the event_count of each result in offset order with its
 * log-append time (the output topic is created with {@code LogAppendTime}) and the time this consumer got it.
 * Watermark control records on the output are skipped.
 */
final class ResultWatch implements AutoCloseable {

    /** One result: its event_count, the broker's log-append time and when the consumer's poll returned it. */
    record Seen(long count, long appended, long visible) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<Seen>> byKey = new ConcurrentHashMap<>();
    private final Map<String, Long> maxCount = new ConcurrentHashMap<>();
    private final AtomicLong results = new AtomicLong();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile Exception failure;

    ResultWatch(String bootstrap, String topic) {
        // fetch.max.wait.ms bounds how long a committed result can sit on the broker before this consumer sees it.
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = Thread.ofPlatform().name("result-watch").daemon().start(this::run);
    }

    /** {@code window start|user_id|event_type|region}: how the feed names a (window, group) too. */
    static String key(long windowStart, String user, String type, String region) {
        return windowStart + "|" + user + "|" + type + "|" + region;
    }

    private void run() {
        try {
            while (!stopping) {
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(50));
                long visible = System.currentTimeMillis();
                for (ConsumerRecord<byte[], byte[]> r : polled) {
                    if (!WatermarkRecords.isWatermark(r.headers())) {
                        add(r, visible);
                    }
                }
            }
        } catch (Exception e) {
            failure = e;
        } finally {
            consumer.close();
        }
    }

    private void add(ConsumerRecord<byte[], byte[]> r, long visible) throws Exception {
        if (r.timestampType() != TimestampType.LOG_APPEND_TIME) {
            throw new IllegalStateException("output record with " + r.timestampType() + ": the topic must use"
                    + " LogAppendTime");
        }
        JsonNode v = JSON.readTree(r.value());
        String key = key(Instant.parse(v.get("window_start").asText()).toEpochMilli(), v.path("user_id").asText(),
                v.path("event_type").asText(), v.path("region").asText());
        long count = v.get("event_count").asLong();
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new Seen(count, r.timestamp(), visible));
        maxCount.merge(key, count, Math::max);
        results.incrementAndGet();
    }

    /** The largest event_count seen for the key so far, 0 for none. */
    long maxCount(String key) {
        return maxCount.getOrDefault(key, 0L);
    }

    long results() {
        return results.get();
    }

    /** Stops the consumer and waits for it; afterwards {@link #seen(String)} is stable. */
    void stop() throws InterruptedException {
        stopping = true;
        thread.join(10_000);
        if (failure != null) {
            throw new IllegalStateException("reading the results failed", failure);
        }
    }

    /** Stops the consumer without waiting (on the way out of a failed run). */
    @Override
    public void close() {
        stopping = true;
    }

    /** The key's results in offset order (call after {@link #stop()}). */
    List<Seen> seen(String key) {
        return byKey.getOrDefault(key, List.of());
    }
}
