package io.platform.etl.bench;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Baseline (b): the Kafka Streams DSL job a user would write instead of stage-filter — Jackson into a POJO,
 * {@code filter(event_type ∈ {click, purchase, signup} && user_id != null)}, the POJO written back as JSON,
 * exactly_once_v2.
 */
public final class DslFilterJob {

    private static final Set<String> TYPES = Set.of("click", "purchase", "signup");

    private DslFilterJob() {
    }

    /** The event as a user would map it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Click(@JsonProperty("event_id") String eventId, @JsonProperty("user_id") String userId,
                        @JsonProperty("event_type") String eventType, @JsonProperty("timestamp") String timestamp,
                        @JsonProperty("amount") BigDecimal amount, @JsonProperty("ip_address") String ipAddress,
                        @JsonProperty("page") String page, @JsonProperty("session_id") String sessionId,
                        @JsonProperty("user_agent") String userAgent) {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        ObjectMapper mapper = new ObjectMapper();
        Serde<Click> serde = Serdes.serdeFrom((topic, c) -> write(mapper, c), (topic, b) -> read(mapper, b));
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(args[2], Consumed.with(Serdes.ByteArray(), serde))
                .filter((k, c) -> c != null && c.userId() != null && TYPES.contains(c.eventType()))
                .to(args[3], Produced.with(Serdes.ByteArray(), serde));
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, args[1]);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.parseInt(args[4]));
        p.put(StreamsConfig.STATE_DIR_CONFIG, args[5]);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, BenchSettings.COMMIT_INTERVAL.toMillis());
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), BenchSettings.COMPRESSION);
        p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        run(new KafkaStreams(builder.build(), p));
    }

    static void run(KafkaStreams streams) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close(java.time.Duration.ofSeconds(20));
            stop.countDown();
        }));
        streams.start();
        stop.await();
    }

    private static byte[] write(ObjectMapper mapper, Click c) {
        try {
            return mapper.writeValueAsBytes(c);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Click read(ObjectMapper mapper, byte[] b) {
        try {
            return mapper.readValue(b, Click.class);
        } catch (Exception e) {
            return null;
        }
    }
}
