package io.platform.etl.testkit;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.testcontainers.kafka.KafkaContainer;

/** A real Kafka broker in KRaft mode with transactions enabled (replication factor 1). */
public final class KafkaBroker implements AutoCloseable {

    private final String bootstrapServers;
    private final AutoCloseable stopper;

    private KafkaBroker(String bootstrapServers, AutoCloseable stopper) {
        this.bootstrapServers = bootstrapServers;
        this.stopper = stopper;
    }

    /** Starts a combined broker+controller in this JVM; {@code baseDir} null uses a temp dir. */
    public static KafkaBroker embedded(Path baseDir) {
        try {
            // Our own directory: Kafka's default temp directory is deleted by a JVM shutdown hook of its own that
            // races the broker's shutdown in ours; the broker then finds its log dir gone and halts the test JVM.
            Path dir = baseDir != null ? baseDir : java.nio.file.Files.createTempDirectory("testkit-kafka");
            TestKitNodes.Builder nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(dir);
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes.build())
                    // Single node: internal topics must not ask for more replicas than exist, or groups never join.
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "4")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "4")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            boolean ownDir = baseDir == null;
            return new KafkaBroker(cluster.bootstrapServers(), () -> {
                cluster.close();
                if (ownDir) {
                    org.apache.kafka.common.utils.Utils.delete(dir.toFile());
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Kafka", e);
        } catch (Exception e) {
            throw new IllegalStateException("embedded Kafka did not start: " + e.getMessage(), e);
        }
    }

    static KafkaBroker container() {
        KafkaContainer container = new KafkaContainer("apache/kafka:3.9.1");
        container.start();
        return new KafkaBroker(container.getBootstrapServers(), container::stop);
    }

    static KafkaBroker external(String bootstrapServers) {
        return new KafkaBroker(bootstrapServers, () -> { });
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates the topics (replication factor 1); topics that already exist are left as they are. */
    public void createTopics(int partitions, String... names) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            var topics = Arrays.stream(names).map(n -> new NewTopic(n, partitions, (short) 1)).toList();
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + entry.getKey(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    @Override
    public void close() throws Exception {
        stopper.close();
    }
}
