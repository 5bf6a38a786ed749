package io.platform.etl.stageruntime.eventtime;

import org.apache.kafka.common.TopicPartition;

/** What the watermark code asks the broker: partition counts and committed end offsets. */
public interface TopicInfo {

    /** Number of partitions of {@code topic} (cached). */
    int partitions(String topic);

    /** The last stable offset of the partition (read_committed end), or -1 when it cannot be read now. */
    long stableEndOffset(TopicPartition partition);
}
