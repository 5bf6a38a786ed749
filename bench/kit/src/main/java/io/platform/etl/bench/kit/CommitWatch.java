package io.platform.etl.bench.kit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Measures a job by what the broker says it finished: polls the consumer group's committed offsets on its input
 * every 100 ms, prints a live rate every second, and stops when all records are committed (bounded in time).
 */
public final class CommitWatch {

    /** Rate of the {@code measured} records committed from the first commit seen to the last, in {@code seconds}. */
    public record Run(long committed, long measured, double rate, double seconds) {
    }

    /** What a benchmark adds to the wait; every method is optional. */
    public interface Hooks {
        Hooks NONE = new Hooks() {
        };

        /** Once, when the first offsets are committed (the job is running). */
        default void onFirstCommit() throws Exception {
        }

        /** After every poll. */
        default void onPoll(long committed) throws Exception {
        }

        /** Whether the job is done once every input record is committed (e.g. internal topics drained too). */
        default boolean drained(Admin admin) throws Exception {
            return true;
        }
    }

    private CommitWatch() {
    }

    /** Waits until {@code group} committed {@code records} of {@code topic}; fails naming the log if it did not. */
    public static Run await(String name, Process process, Path log, String bootstrap, String group, String topic,
                            long records, Duration limit, Hooks hooks) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            long firstNanos = 0;
            long firstCount = 0;
            long count = 0;
            long lastPrint = System.nanoTime();
            long lastCount = 0;
            long deadline = System.nanoTime() + limit.toNanos();
            while (!(count >= records && hooks.drained(admin)) && System.nanoTime() < deadline && process.isAlive()) {
                Thread.sleep(100);
                count = committed(admin, group, topic);
                if (firstNanos == 0 && count > 0) {
                    firstNanos = System.nanoTime();
                    firstCount = count;
                    hooks.onFirstCommit();
                }
                hooks.onPoll(count);
                if (System.nanoTime() - lastPrint > 1_000_000_000L) {
                    System.out.printf("[%s] %,d / %,d committed (%,.0f rec/s)%n", name, count, records,
                            (count - lastCount) * 1e9 / (System.nanoTime() - lastPrint));
                    lastPrint = System.nanoTime();
                    lastCount = count;
                }
            }
            if (count < records) {
                throw new IllegalStateException(name + ": only " + count + " of " + records
                        + " committed (process alive: " + process.isAlive() + "); see " + log);
            }
            double seconds = (System.nanoTime() - firstNanos) / 1e9;
            double rate = (count - firstCount) / seconds;
            System.out.printf("[%s] done: %,.0f rec/s over %.1f s%n", name, rate, seconds);
            return new Run(count, count - firstCount, rate, seconds);
        }
    }

    /** The group's committed offsets on {@code topic}, summed over its partitions. */
    public static long committed(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                .filter(e -> e.getValue() != null).mapToLong(e -> e.getValue().offset()).sum();
    }

    /** Whether every other topic the group reads (a repartition hop) is consumed up to a few transaction markers. */
    public static boolean internalTopicsDrained(Admin admin, String group, String input) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> internal = new HashMap<>();
        offsets.keySet().stream().filter(tp -> !tp.topic().equals(input))
                .forEach(tp -> internal.put(tp, OffsetSpec.latest()));
        if (internal.isEmpty()) {
            return true;
        }
        var ends = admin.listOffsets(internal).all().get();
        return internal.keySet().stream().allMatch(tp -> ends.get(tp).offset() - offsets.get(tp).offset() <= 20);
    }
}
