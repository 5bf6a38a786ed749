package io.platform.etl.stage.dedupe;

import static io.platform.etl.stage.dedupe.Events.event;
import static io.platform.etl.stagetestkit.KafkaIo.data;
import static io.platform.etl.stagetestkit.KafkaIo.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.platform.etl.model.rules.dedupe.DedupeAlgorithm;
import io.platform.etl.model.rules.dedupe.DeduplicationConfig;
import io.platform.etl.stagetestkit.KafkaIo;
import io.platform.etl.stagetestkit.StageProcess;
import io.platform.etl.stagetestkit.StageTestRun;
import io.platform.etl.testkit.CommittedTopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once under SIGKILL: the stage runs in a separate JVM, is killed while it works through a backlog with 10 %
 * copies spread over both partitions, and a new process with the same application id (and its own, empty state
 * directory: the state comes back from the changelogs) finishes. A read_committed reader must see every unique
 * event exactly once: no copy let through, no unique record dropped.
 */
class CrashRecoveryIT {

    private static final int EVENTS = 20_000;
    private static final long T0 = 1_714_557_600_000L;

    @Test
    void stageKilledMidBatchAndRestartedPassesEveryUniqueEventExactlyOnce() throws Exception {
        StageTestRun run = StageTestRun.named("crash").eventTimeFromData()
                .createTopics(2, "events.filtered", "events.deduplicated", "events.dlq");
        String input = "events.filtered" + run.suffix();
        String output = "events.deduplicated" + run.suffix();
        run.rules().publish(Events.rules(1, DeduplicationConfig.of(List.of("event_id"))
                .withAlgorithm(DedupeAlgorithm.EXACT)));

        Set<String> expected = new HashSet<>();
        try (KafkaIo kafka = new KafkaIo(run.bootstrapServers())) {
            for (int i = 0; i < EVENTS; i++) {
                String value = event("e-" + i, "u" + (i % 97), T0 + i);
                kafka.send(input, i % 2, "k" + i, value);
                expected.add("e-" + i);
                if (i % 10 == 0 && i >= 100) {
                    // A copy of an earlier event, into the other partition than the original.
                    int j = i - 50;
                    kafka.send(input, (j + 1) % 2, "copy" + j, event("e-" + j, "u" + (j % 97), T0 + j));
                }
            }
            kafka.flush();
        }

        Map<String, String> props = run.properties();
        props.put("stage.state-dir", Files.createTempDirectory("crash-state").toString());
        props.put("stage.streams.consumer.session.timeout.ms", "6000");
        props.put("stage.commit-interval", "200ms");
        Path logs = Path.of("target");

        try (CommittedTopicReader reader = new CommittedTopicReader(run.bootstrapServers(), output)) {
            int atKill;
            try (StageProcess first = StageProcess.start(Application.class, props, logs.resolve("crash-first.log"))) {
                // A JVM start, the rule gate and two rebalances (input and repartition topic) before the first output:
                // minutes on the shared test machine under load.
                atKill = data(reader.until(r -> !data(r).isEmpty(), Duration.ofSeconds(180))).size();
                first.kill();
            }
            System.out.printf("killed with %d of %d unique events committed%n", atKill, expected.size());
            assertThat(atKill).as("killed mid-batch").isBetween(1, expected.size() - 1);

            props.put("stage.state-dir", Files.createTempDirectory("crash-state-2").toString());
            long restart = System.nanoTime();
            try (StageProcess second = StageProcess.start(Application.class, props, logs.resolve("crash-second.log"))) {
                reader.until(r -> data(r).size() >= expected.size(), Duration.ofSeconds(180));
                System.out.printf("restarted process caught up in %d ms%n", (System.nanoTime() - restart) / 1_000_000);
                List<ConsumerRecord<byte[], byte[]>> all = data(reader.drain(Duration.ofSeconds(2)));
                List<String> ids = all.stream().map(r -> text(r.value()))
                        .map(v -> v.substring(v.indexOf("e-"), v.indexOf('"', v.indexOf("e-")))).toList();
                assertThat(ids).hasSize(expected.size()).doesNotHaveDuplicates();
                assertThat(new HashSet<>(ids)).isEqualTo(expected);
                assertThat(second.isAlive()).isTrue();
            }
        }
    }
}
