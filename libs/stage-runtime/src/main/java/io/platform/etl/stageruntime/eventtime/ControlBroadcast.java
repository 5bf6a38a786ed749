package io.platform.etl.stageruntime.eventtime;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Sends control records (empty value) to every partition of the topic (KIP-837 multicast) and leaves every other
 * record to the producer's default partitioning by key.
 */
public final class ControlBroadcast implements StreamPartitioner<byte[], byte[]> {

    private volatile Set<Integer> all = Set.of();

    @Override
    public Optional<Set<Integer>> partitions(String topic, byte[] key, byte[] value, int numPartitions) {
        if (value == null || value.length != 0) {
            return Optional.empty();
        }
        Set<Integer> set = all;
        if (set.size() != numPartitions) {
            set = IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet());
            all = set;
        }
        return Optional.of(set);
    }
}
