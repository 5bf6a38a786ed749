package io.platform.etl.stageruntime.eventtime;

import org.apache.kafka.common.TopicPartition;

/** Topic facts for tests without a broker: every topic has one partition, offsets are unknown. */
public final class NoBrokerTopics implements TopicInfo {

    @Override
    public int partitions(String topic) {
        return 1;
    }

    @Override
    public long stableEndOffset(TopicPartition partition) {
        return -1;
    }

    @Override
    public long startOffset(String groupId, TopicPartition partition) {
        return -1;
    }
}
