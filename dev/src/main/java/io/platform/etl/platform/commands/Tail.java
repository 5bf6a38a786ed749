package io.platform.etl.platform.commands;

import io.platform.etl.platform.state.EnvFile;
import io.platform.etl.platform.topics.RecordText;
import io.platform.etl.platform.topics.TopicConsumer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * {@code ./platform tail TOPIC [-n N]}: every record committed to a pipeline topic from now on, as indented JSON
 * (with the error headers on {@code events.dlq} and {@code events.late}), until Ctrl-C or, with {@code -n}, N
 * records. {@code ./platform topic} shows what is already there.
 */
public final class Tail {

    /** Topics whose headers say why a record is there (stage, reason, origin). */
    static final Set<String> HEADER_TOPICS = Set.of("events.dlq", "events.late");

    private Tail() {
    }

    public static int run(Context ctx) {
        if (!Files.exists(ctx.paths().infraEnv())) {
            throw new Failure("the platform is not running (no " + ctx.show(ctx.paths().infraEnv()) + "): ./platform up");
        }
        String bootstrap = EnvFile.read(ctx.paths().infraEnv()).get("KAFKA_BOOTSTRAP_SERVERS");
        String topic = ctx.options().target().orElseThrow();
        int limit = ctx.options().lines();
        TopicConsumer consumer;
        try {
            consumer = new TopicConsumer(bootstrap, topic);
        } catch (IllegalArgumentException e) {
            throw new Failure(e.getMessage());
        }
        try (consumer) {
            consumer.seekBeforeEnd(0);
            System.err.println("tail: waiting for records on " + topic
                    + (limit > 0 ? " (stopping after " + limit + ")" : " (Ctrl-C to stop)"));
            int printed = 0;
            while (limit == 0 || printed < limit) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    ctx.out().print(RecordText.format(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(),
                            headers(r), HEADER_TOPICS.contains(topic), r.value()));
                    if (limit > 0 && ++printed == limit) {
                        break;
                    }
                }
                ctx.out().flush();
            }
            return 0;
        }
    }

    private static List<Map.Entry<String, byte[]>> headers(ConsumerRecord<byte[], byte[]> r) {
        return Arrays.stream(r.headers().toArray())
                .<Map.Entry<String, byte[]>>map(h -> new AbstractMap.SimpleImmutableEntry<>(h.key(), h.value())).toList();
    }
}
