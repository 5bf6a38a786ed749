package io.platform.etl.platform.infra;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Seed-shaped events on {@code user.events.raw} at a few per second, bounded in count; one in twenty is a
 * resend of the previous event (for the dedupe stage) and some have event types the demo filter drops.
 */
public final class DemoTraffic implements Runnable {

    public static final String TOPIC = "user.events.raw";
    private static final List<String> TYPES = List.of("click", "view", "purchase", "signup", "logout", "heartbeat");

    private final String bootstrapServers;
    private final int perSecond;
    private final int maxEvents;
    private final Random random = new Random();

    public DemoTraffic(String bootstrapServers, int perSecond, int maxEvents) {
        this.bootstrapServers = bootstrapServers;
        this.perSecond = perSecond;
        this.maxEvents = maxEvents;
    }

    @Override
    public void run() {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.CLIENT_ID_CONFIG, "platform-demo-traffic");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            String previous = null;
            String previousKey = null;
            for (int sent = 0; sent < maxEvents && !Thread.currentThread().isInterrupted(); sent++) {
                String userId = "user-" + (1 + random.nextInt(20));
                boolean resend = previous != null && random.nextInt(20) == 0;
                String value = resend ? previous : event(userId);
                String key = resend ? previousKey : userId;
                producer.send(new ProducerRecord<>(TOPIC, key, value));
                previous = value;
                previousKey = key;
                TimeUnit.MILLISECONDS.sleep(1000L / perSecond);
            }
            System.out.println("[infra] demo traffic finished");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            System.out.println("[infra] demo traffic stopped: " + e.getMessage());
        }
    }

    String event(String userId) {
        String type = TYPES.get(random.nextInt(TYPES.size()));
        StringBuilder json = new StringBuilder("{")
                .append("\"event_id\":\"").append(UUID.randomUUID()).append("\",")
                .append("\"user_id\":\"").append(userId).append("\",")
                .append("\"event_type\":\"").append(type).append("\",")
                .append("\"timestamp\":\"").append(Instant.now()).append("\"");
        if ("purchase".equals(type)) {
            json.append(",\"amount\":").append(String.format(java.util.Locale.ROOT, "%.2f", 5 + random.nextDouble() * 195));
        }
        if (random.nextInt(4) != 0) {
            json.append(",\"ip_address\":\"10.0.").append(random.nextInt(256)).append('.').append(1 + random.nextInt(254))
                    .append('"');
        }
        return json.append('}').toString();
    }
}
