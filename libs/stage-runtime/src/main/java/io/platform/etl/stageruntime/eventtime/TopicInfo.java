package io.platform.etl.stageruntime.eventtime;

import org.apache.kafka.common.TopicPartition;

/** What the watermark code asks the broker: partition counts and committed end offsets. */
public interface TopicInfo {

    /** Number of partitions of {@code topic} (cached). */
    int partitions(String topic);

    /** The last stable offset of the partition (read_committed end), or -1 when it cannot be read now. */
    long stableEndOffset(TopicPartition partition);

    /**
     * Where consumption of the partition starts when nothing was read from it yet: the group's committed offset,
     * else the log start offset; -1 when it cannot be read now.
     */
    long startOffset(String groupId, TopicPartition partition);
}
