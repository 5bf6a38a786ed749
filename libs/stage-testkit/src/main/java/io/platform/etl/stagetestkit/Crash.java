package io.platform.etl.stagetestkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.etl.stageruntime.spec.StageTopics;
import io.platform.etl.testkit.CommittedTopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The contract's process cases on topics of their own: SIGKILL mid-stream, restart, exactly-once output; then
 * SIGTERM of the restarted process, which must exit, leave the group and have committed all of its input.
 */
final class Crash implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(120);

    private final KafkaIo kafka;
    private final String bootstrap;
    private StageProcess running;
    private String group;
    private StageTopics topics;

    Crash(KafkaIo kafka, String bootstrap) {
        this.kafka = kafka;
        this.bootstrap = bootstrap;
    }

    void run(Class<?> application, Map<String, String> properties, StageTopics topics, int records,
             BiFunction<String, Integer, String> validRecord, UnaryOperator<List<String>> expectedOutput,
             Path logs) throws Exception {
        this.topics = topics;
        this.group = properties.get("stage.application-id") + properties.get("stage.topic-suffix");
        String run = "run-" + UUID.randomUUID();
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            inputs.add(validRecord.apply(run, i));
        }
        List<String> expected = expectedOutput.apply(inputs);
        int half = records / 2;
        try (CommittedTopicReader reader = kafka.reader(topics.output())) {
            int atKill;
            try (StageProcess first = StageProcess.start(application, properties, logs.resolve("first.log"))) {
                send(inputs.subList(0, half));
                atKill = StageContract.values(reader.until(r -> !StageContract.values(r).isEmpty(), WAIT)).size();
                first.kill();
            }
            send(inputs.subList(half, records));
            System.out.printf("%s: killed with %d of %d expected records committed%n", logs.getFileName(), atKill,
                    expected.size());
            assertThat(atKill).as("killed mid-stream").isBetween(1, expected.size() - 1);

            running = StageProcess.start(application, properties, logs.resolve("second.log"));
            reader.until(r -> StageContract.values(r).size() >= expected.size(), WAIT);
            List<String> all = StageContract.values(reader.drain(Duration.ofSeconds(2)));
            assertThat(all).hasSameSizeAs(expected).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(running.isAlive()).isTrue();
        }
    }

    void terminateAndCheckCommitted() throws Exception {
        assertThat(running).as("the restarted process of the SIGKILL case").isNotNull();
        int exit = running.terminate(60);
        // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks (Micronaut closed the context) and exited.
        assertThat(exit).as("exit code after SIGTERM").isIn(0, 143);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            assertThat(admin.describeConsumerGroups(List.of(group)).all().get().get(group).members())
                    .as("members of %s after SIGTERM", group).isEmpty();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            List<TopicPartition> partitions = admin.describeTopics(List.of(topics.input())).allTopicNames().get()
                    .get(topics.input()).partitions().stream()
                    .map(p -> new TopicPartition(topics.input(), p.partition())).toList();
            Map<TopicPartition, Long> ends = admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            Map<TopicPartition, Long> offsets = committed.entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topics.input()))
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            assertThat(offsets).as("committed input offsets = end offsets").isEqualTo(ends);
        }
    }

    private void send(List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            kafka.send(topics.input(), "k" + i, values.get(i));
        }
        kafka.flush();
    }

    @Override
    public void close() throws InterruptedException {
        if (running != null) {
            running.close();
        }
    }
}
