package io.platform.etl.stageruntime.keyed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hop's two topics (ADR 0340), created when absent with as many partitions as the input: the hop topic (plain,
 * kept {@code hopRetention}) and the changelog (compacted). An existing topic with another partition count is an
 * error: keys would meet in other partitions than their state.
 *
 * @param hop       {@code <application-id>-<hop>-hop}
 * @param changelog {@code <application-id>-<hop>-state}
 */
public record HopTopics(String hop, String changelog) {

    private static final Logger LOG = LoggerFactory.getLogger(HopTopics.class);
    private static final long TIMEOUT_SECONDS = 30;

    public static HopTopics of(String applicationId, String hop) {
        return new HopTopics(applicationId + "-" + hop + "-hop", applicationId + "-" + hop + "-state");
    }

    /** Creates what is absent and checks the partition counts; returns the input's partition count. */
    public int ensure(Map<String, Object> connection, String input, Duration hopRetention) {
        try (Admin admin = Admin.create(connection)) {
            int partitions = partitions(admin, input);
            List<NewTopic> create = new ArrayList<>();
            create.add(new NewTopic(hop, Optional.of(partitions), Optional.empty())
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(hopRetention.toMillis()))));
            create.add(new NewTopic(changelog, Optional.of(partitions), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            for (NewTopic topic : create) {
                try {
                    admin.createTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    LOG.info("Created {} with {} partitions", topic.name(), partitions);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
                int existing = partitionsOfNew(admin, topic.name());
                if (existing != partitions) {
                    throw new IllegalStateException(topic.name() + " has " + existing + " partitions where " + input
                            + " has " + partitions + ": delete it (the state is rebuilt from new input) or give the"
                            + " stage another application id");
                }
            }
            return partitions;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the hop topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create or describe the hop topics " + this + ": " + e, e);
        }
    }

    /**
     * The partition count of a topic just created (or found): its metadata may not have reached the broker that
     * answers yet, which then says unknown topic for a while.
     */
    private static int partitionsOfNew(Admin admin, String topic) throws InterruptedException, ExecutionException,
            TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            try {
                return partitions(admin, topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static int partitions(Admin admin, String topic) throws InterruptedException, ExecutionException,
            TimeoutException {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic)
                .partitions().size();
    }
}
