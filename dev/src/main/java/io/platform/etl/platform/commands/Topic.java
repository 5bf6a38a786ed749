package io.platform.etl.platform.commands;

import io.platform.etl.platform.state.EnvFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code ./platform topic TOPIC [-n N] [-f]}: the last N committed records of each partition of a topic as
 * {@code key<TAB>value} (read_committed, the runtime's watermark control records left out), then, with {@code -f},
 * every new one until interrupted. E.g. {@code ./platform topic events.processed -f} shows the aggregates.
 */
public final class Topic {

    private static final String WATERMARK_HEADER = "x-etl-watermark";

    private Topic() {
    }

    public static int run(Context ctx) {
        if (!Files.exists(ctx.paths().infraEnv())) {
            throw new Failure("the platform is not running (no " + ctx.show(ctx.paths().infraEnv()) + "): ./platform up");
        }
        String bootstrap = EnvFile.read(ctx.paths().infraEnv()).get("KAFKA_BOOTSTRAP_SERVERS");
        String topic = ctx.options().target().orElseThrow();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                throw new Failure("no topic '" + topic + "' on " + bootstrap);
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            partitions.forEach(p -> consumer.seek(p, Math.max(begin.get(p), end.get(p) - ctx.options().lines())));
            long quietUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (ctx.options().follow() || System.nanoTime() < quietUntil) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.headers().lastHeader(WATERMARK_HEADER) == null) {
                        ctx.out().println(text(record.key()) + "\t" + text(record.value()));
                    }
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
