package io.platform.etl.platform.infra;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Contract-shaped events on {@code user.events.raw} at a steady rate until stopped, so every stage of
 * {@code ./platform watch} shows something (ADR 0421): one in twenty is a resend of the previous event (dedupe),
 * some have event types the demo filter drops, one in a hundred cannot be read (DLQ) and one in a hundred is a
 * straggler from {@link #STRAGGLER_AGE} ago (late in the aggregate).
 */
public final class DemoTraffic implements Runnable {

    public static final String TOPIC = "user.events.raw";
    static final Duration STRAGGLER_AGE = Duration.ofMinutes(10);
    private static final List<String> TYPES = List.of("click", "view", "purchase", "signup", "logout", "heartbeat");

    private final String bootstrapServers;
    private final int perSecond;
    private final Random random = new Random();

    public DemoTraffic(String bootstrapServers, int perSecond) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("perSecond must be positive, got " + perSecond);
        }
        this.bootstrapServers = bootstrapServers;
        this.perSecond = perSecond;
    }

    @Override
    public void run() {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.CLIENT_ID_CONFIG, "platform-demo-traffic");
        long period = 1_000_000_000L / perSecond;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            String previous = null;
            String previousKey = null;
            long due = System.nanoTime();
            while (!Thread.currentThread().isInterrupted()) {
                String userId = "user-" + (1 + random.nextInt(20));
                boolean resend = previous != null && random.nextInt(20) == 0;
                String value = resend ? previous : event(userId, Instant.now());
                String key = resend ? previousKey : userId;
                producer.send(new ProducerRecord<>(TOPIC, key, value));
                previous = value;
                previousKey = key;
                // Paced against a fixed schedule, not by sleeping a period after each send, so the rate holds.
                due += period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        } catch (RuntimeException e) {
            System.out.println("[infra] demo traffic stopped: " + e.getMessage());
        }
    }

    String event(String userId, Instant now) {
        int roll = random.nextInt(100);
        if (roll == 0) {
            return unreadable(userId);
        }
        Instant time = roll == 1 ? now.minus(STRAGGLER_AGE) : now;
        String type = TYPES.get(random.nextInt(TYPES.size()));
        StringBuilder json = new StringBuilder("{")
                .append("\"event_id\":\"").append(UUID.randomUUID()).append("\",")
                .append("\"user_id\":\"").append(userId).append("\",")
                .append("\"event_type\":\"").append(type).append("\",")
                .append("\"timestamp\":\"").append(time).append("\"");
        if ("purchase".equals(type)) {
            json.append(",\"amount\":").append(String.format(Locale.ROOT, "%.2f", 5 + random.nextDouble() * 195));
        }
        if (random.nextInt(4) != 0) {
            json.append(",\"ip_address\":\"10.0.").append(random.nextInt(256)).append('.').append(1 + random.nextInt(254))
                    .append('"');
        }
        return json.append('}').toString();
    }

    /** Half of them not JSON at all, half with a timestamp no stage can read: both go to events.dlq. */
    private String unreadable(String userId) {
        return random.nextBoolean()
                ? "click by " + userId + " at noon"
                : "{\"event_id\":\"" + UUID.randomUUID() + "\",\"user_id\":\"" + userId
                        + "\",\"event_type\":\"click\",\"timestamp\":\"yesterday\"}";
    }
}
