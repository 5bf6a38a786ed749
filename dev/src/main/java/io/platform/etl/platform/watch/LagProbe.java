package io.platform.etl.platform.watch;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumer lag per stage from the broker: for the consumer group of a stage (its Kafka Streams application id,
 * {@code <consumer_group>-<stage>}), the committed offsets against the last stable offsets of the same partitions
 * (read_committed, as the stages read), summed. A group with no committed offset yet has no lag to show.
 */
public final class LagProbe implements AutoCloseable {

    private static final long TIMEOUT_MS = 2_000;
    private final Admin admin;

    public LagProbe(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS,
                AdminClientConfig.CLIENT_ID_CONFIG, "platform-watch"));
    }

    /** Lag by stage name, for the groups whose id ends with {@code -<stage>}; a stage without a group is absent. */
    public Map<String, OptionalLong> lagByStage(Collection<String> stages) throws InterruptedException {
        Map<String, OptionalLong> lag = new HashMap<>();
        try {
            Collection<GroupListing> groups = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            for (String stage : stages) {
                for (GroupListing group : groups) {
                    if (group.groupId().endsWith("-" + stage)) {
                        lag.put(stage, groupLag(group.groupId()));
                    }
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            // broker unreachable: no lag column this round
        }
        return lag;
    }

    private OptionalLong groupLag(String groupId) throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.forEach((tp, offset) -> {
            if (offset != null) {
                latest.put(tp, OffsetSpec.latest());
            }
        });
        if (latest.isEmpty()) {
            return OptionalLong.empty();
        }
        var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        long total = 0;
        for (TopicPartition tp : latest.keySet()) {
            total += Math.max(0, ends.get(tp).offset() - committed.get(tp).offset());
        }
        return OptionalLong.of(total);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
