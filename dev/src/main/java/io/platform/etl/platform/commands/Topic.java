package io.platform.etl.platform.commands;

import io.platform.etl.platform.state.EnvFile;
import io.platform.etl.platform.topics.TopicConsumer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * {@code ./platform topic TOPIC [-n N] [-f]}: the last N committed records of each partition of a topic as
 * {@code key<TAB>value} (read_committed, the runtime's watermark control records left out), then, with {@code -f},
 * every new one until interrupted. E.g. {@code ./platform topic events.processed -f} shows the aggregates.
 */
public final class Topic {

    private Topic() {
    }

    public static int run(Context ctx) {
        if (!Files.exists(ctx.paths().infraEnv())) {
            throw new Failure("the platform is not running (no " + ctx.show(ctx.paths().infraEnv()) + "): ./platform up");
        }
        String bootstrap = EnvFile.read(ctx.paths().infraEnv()).get("KAFKA_BOOTSTRAP_SERVERS");
        TopicConsumer consumer;
        try {
            consumer = new TopicConsumer(bootstrap, ctx.options().target().orElseThrow());
        } catch (IllegalArgumentException e) {
            throw new Failure(e.getMessage());
        }
        try (consumer) {
            consumer.seekBeforeEnd(ctx.options().lines());
            long quietUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (ctx.options().follow() || System.nanoTime() < quietUntil) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    ctx.out().println(text(record.key()) + "\t" + text(record.value()));
                }
                ctx.out().flush();
            }
            return 0;
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
}
