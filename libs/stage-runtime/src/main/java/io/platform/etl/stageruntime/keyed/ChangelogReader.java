package io.platform.etl.stageruntime.keyed;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one changelog partition from its start for a restore (ADR 0340): read_committed (only what committed
 * transactions wrote), and up to the partition's log end as it was when the restore began, not merely to its last
 * stable offset. A transaction left open by a killed owner holds the last stable offset back until the broker aborts
 * it (transaction timeout), while transactions committed after it by the next owner are already behind it; stopping
 * at the last stable offset would lose those, and the hop offsets committed with them would not be read again. So
 * the restore waits for such a transaction to end. One consumer per deciding loop thread, assigned by hand, no group.
 */
final class ChangelogReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangelogReader.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long TIMEOUT_SECONDS = 30;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Admin admin;
    private final String topic;

    ChangelogReader(Map<String, Object> consumerProps, Map<String, Object> connection, String topic) {
        this.consumer = new KafkaConsumer<>(consumerProps);
        this.admin = Admin.create(connection);
        this.topic = topic;
    }

    /** Feeds every entry of {@code partition} (key, value; null value = deleted); returns how many were read. */
    long read(int partition, BiConsumer<byte[], byte[]> entry) {
        TopicPartition tp = new TopicPartition(topic, partition);
        consumer.assign(List.of(tp));
        consumer.seekToBeginning(List.of(tp));
        long logEnd = logEnd(tp);
        long read = 0;
        long waitingSince = -1;
        while (true) {
            long stable = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < stable) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    entry.accept(r.key(), r.value());
                    read++;
                }
            }
            if (stable >= logEnd) {
                break;
            }
            if (waitingSince < 0) {
                waitingSince = System.nanoTime();
                LOG.info("Restoring {}: an open transaction holds the stable offset at {} below the log end {};"
                        + " waiting for it to end", tp, stable, logEnd);
            }
            consumer.poll(POLL);
        }
        if (waitingSince >= 0) {
            LOG.info("Restoring {}: waited {} ms for an open transaction", tp,
                    (System.nanoTime() - waitingSince) / 1_000_000);
        }
        consumer.assign(List.of());
        return read;
    }

    private long logEnd(TopicPartition tp) {
        try {
            return admin.listOffsets(Map.of(tp, OffsetSpec.latest()),
                            new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
                    .partitionResult(tp).get(TIMEOUT_SECONDS, TimeUnit.SECONDS).offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the end of " + tp, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the end of " + tp + ": " + e, e);
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
