package io.platform.etl.stageruntime.eventtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TopicInfo} over one lazily created Admin client. Called from punctuators only (a partition count once per
 * topic, an end offset only while a partition has had no record for the idle timeout), never per record.
 */
public final class AdminTopicInfo implements TopicInfo, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminTopicInfo.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Properties clientProps;
    private final Map<String, Integer> partitions = new ConcurrentHashMap<>();
    private volatile Admin admin;

    /** @param clientProps connection settings only (bootstrap servers, security) */
    public AdminTopicInfo(Properties clientProps) {
        this.clientProps = clientProps;
    }

    @Override
    public int partitions(String topic) {
        return partitions.computeIfAbsent(topic, t -> {
            try {
                return admin().describeTopics(List.of(t)).allTopicNames().get(TIMEOUT.toMillis(),
                        TimeUnit.MILLISECONDS).get(t).partitions().size();
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the partition count of " + t + ": " + e, e);
            }
        });
    }

    @Override
    public long stableEndOffset(TopicPartition partition) {
        try {
            return admin().listOffsets(Map.of(partition, OffsetSpec.latest()),
                            new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .partitionResult(partition).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).offset();
        } catch (Exception e) {
            LOG.debug("End offset of {} not readable now: {}", partition, e.toString());
            return -1;
        }
    }

    @Override
    public long startOffset(String groupId, TopicPartition partition) {
        try {
            var committed = admin().listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(partition);
            if (committed != null) {
                return committed.offset();
            }
            return admin().listOffsets(Map.of(partition, OffsetSpec.earliest())).partitionResult(partition)
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).offset();
        } catch (Exception e) {
            LOG.debug("Start offset of {} not readable now: {}", partition, e.toString());
            return -1;
        }
    }

    private Admin admin() {
        Admin a = admin;
        if (a == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(clientProps);
                }
                a = admin;
            }
        }
        return a;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(TIMEOUT);
        }
    }
}
