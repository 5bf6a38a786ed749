package io.platform.etl.stage.filter;

import static io.platform.etl.stage.filter.KafkaIo.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.platform.etl.testkit.CommittedTopicReader;
import io.platform.etl.testkit.TestInfra;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once under SIGKILL: the stage runs in a separate JVM, is killed with {@code destroyForcibly()} while it is
 * working through a backlog (some transactions committed, one open), and a new process with the same application id
 * finishes the job. A read_committed reader must see every passing record exactly once.
 */
class CrashRecoveryIT {

    private static final int RECORDS = 100_000;

    @Test
    void stageKilledMidBatchAndRestartedWritesEveryPassingRecordExactlyOnce() throws Exception {
        TestInfra infra = TestInfra.shared();
        String suffix = "." + TestInfra.uniqueName("crash");
        String input = "user.events.raw" + suffix;
        String output = "events.filtered" + suffix;
        infra.kafka().createTopics(2, input, output, "events.dlq" + suffix);

        Set<String> expected = new HashSet<>();
        try (KafkaIo kafka = new KafkaIo(infra.kafka().bootstrapServers())) {
            for (int i = 0; i < RECORDS; i++) {
                String type = i % 2 == 0 ? "click" : "view";
                String id = "e-" + i;
                kafka.send(input, "k" + i, "{\"event_id\":\"" + id + "\",\"user_id\":\"u" + (i % 97)
                        + "\",\"event_type\":\"" + type + "\",\"timestamp\":1714557600000}");
                if (type.equals("click")) {
                    expected.add(id);
                }
            }
            kafka.flush();
        }

        Map<String, String> props = new HashMap<>(StageProperties.common(suffix, TestInfra.uniqueName("crash")));
        props.put("kafka.bootstrap.servers", infra.kafka().bootstrapServers());
        props.put("redis.uri", infra.redis().uri());
        props.put("micronaut.server.port", "-1");
        props.put("stage.state-dir", Files.createTempDirectory("crash-state").toString());
        // A killed member must not hold its partitions for the default 45 s session.
        props.put("stage.streams.consumer.session.timeout.ms", "6000");
        props.put("stage.commit-interval", "200ms");
        Path logs = Path.of("target");

        try (CommittedTopicReader reader = new CommittedTopicReader(infra.kafka().bootstrapServers(), output)) {
            int atKill;
            try (StageProcess first = StageProcess.start(props, logs.resolve("crash-first.log"))) {
                atKill = reader.until(r -> !r.isEmpty(), Duration.ofSeconds(90)).size();
                first.kill();
            }
            System.out.printf("killed with %d of %d passing records committed%n", atKill, expected.size());
            assertThat(atKill).as("killed mid-batch").isBetween(1, expected.size() - 1);

            long restart = System.nanoTime();
            try (StageProcess second = StageProcess.start(props, logs.resolve("crash-second.log"))) {
                reader.until(r -> r.size() >= expected.size(), Duration.ofSeconds(120));
                System.out.printf("restarted process caught up in %d ms%n", (System.nanoTime() - restart) / 1_000_000);
                List<ConsumerRecord<byte[], byte[]>> all = reader.drain(Duration.ofSeconds(2));
                List<String> ids = all.stream().map(r -> text(r.value()))
                        .map(v -> v.substring(v.indexOf("e-"), v.indexOf('"', v.indexOf("e-")))).toList();
                assertThat(ids).hasSize(expected.size()).doesNotHaveDuplicates();
                assertThat(new HashSet<>(ids)).isEqualTo(expected);
                assertThat(second.isAlive()).isTrue();
            }
        }
    }
}
