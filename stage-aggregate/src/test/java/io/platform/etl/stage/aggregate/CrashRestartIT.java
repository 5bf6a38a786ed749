package io.platform.etl.stage.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.etl.stage.aggregate.window.TumblingWindows;
import io.platform.etl.stagetestkit.KafkaIo;
import io.platform.etl.stagetestkit.StageProcess;
import io.platform.etl.testkit.CommittedTopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once across a SIGKILL in the middle of open windows and a second instance joining afterwards
 * ({@code output_mode: update}): every (window, group) ends with the reference's result, its versions on the topic
 * are 1, 2, 3, … without a duplicate or a gap, and exactly one of them — the last — is final.
 */
class CrashRestartIT {

    private static final int PARTITIONS = 2;
    private static final int HALF = 6_000;
    private static final List<String> JVM_OPTIONS = List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    @Test
    void stageKilledInsideOpenWindowsRestartsAndASecondInstanceJoinsWithoutLosingOrRepeatingAnything()
            throws Exception {
        BrokerTopics topics = BrokerTopics.create("crash", PARTITIONS);
        String input = topics.input();
        List<Backlog.Event> events = Backlog.skewed(2 * HALF, PARTITIONS, 40, Duration.ofMinutes(7),
                Duration.ofMinutes(40), 7);
        Map<String, String> expected = Reference.of(events,
                TumblingWindows.of(Duration.ofMinutes(5), Duration.ofMinutes(1)));
        Map<String, String> props = topics.properties(
                TestSpecs.yaml("update", "drop", TestSpecs.SEED_AGGREGATIONS));
        // A killed member must not hold its partitions for long.
        props.put("stage.streams.consumer.session.timeout.ms", "6000");
        Path logs = Path.of("target");

        try (KafkaIo kafka = new KafkaIo(topics.bootstrap());
             CommittedTopicReader results = kafka.reader(topics.output())) {
            send(kafka, input, events, 0, HALF);
            try (StageProcess first = start(props, logs.resolve("crash-first.log"))) {
                int atKill = KafkaIo.read(results, r -> r.size() >= 20, Duration.ofMinutes(3)).size();
                first.kill();
                System.out.printf("killed with %d results committed%n", atKill);
                assertThat(atKill).isPositive();
            }
            send(kafka, input, events, HALF, events.size());
            String clock = Instant.ofEpochMilli(Backlog.BASE).plus(Duration.ofHours(3)).toString();
            for (int p = 0; p < PARTITIONS; p++) {
                kafka.send(input, p, "clock", "{\"user_id\":\"clock\",\"timestamp\":\"" + clock + "\"}");
            }
            kafka.flush();
            try (StageProcess second = start(props, logs.resolve("crash-second.log"))) {
                KafkaIo.read(results, r -> Results.finals(r) >= expected.size() / 3,
                        Duration.ofMinutes(3));
                try (StageProcess third = start(props, logs.resolve("crash-third.log"))) {
                    List<ConsumerRecord<byte[], byte[]>> all = KafkaIo.read(results,
                            r -> Results.finals(r) >= expected.size(), Duration.ofMinutes(4));
                    all = KafkaIo.data(results.drain(Duration.ofSeconds(2)));
                    assertExactlyOnce(Results.of(all), expected);
                    assertThat(second.isAlive()).isTrue();
                    assertThat(third.isAlive()).isTrue();
                }
            }
        }
    }

    private static void assertExactlyOnce(Results results, Map<String, String> expected) {
        Map<String, List<Results.Result>> byKey = new HashMap<>();
        results.all().stream().filter(r -> !r.key().contains("\"clock\""))
                .forEach(r -> byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r));
        assertThat(byKey.size()).as("(window, group) keys with results").isEqualTo(expected.size());
        assertThat(byKey.keySet()).isEqualTo(expected.keySet());
        byKey.forEach((key, versions) -> {
            assertThat(versions).extracting(r -> r.value().path("version").asInt()).as(key)
                    .isEqualTo(java.util.stream.IntStream.rangeClosed(1, versions.size()).boxed().toList());
            assertThat(versions).filteredOn(Results.Result::isFinal).as(key).containsExactly(versions.getLast());
            assertThat(Reference.summary(versions.getLast().value())).as(key).isEqualTo(expected.get(key));
        });
    }

    private static void send(KafkaIo kafka, String topic, List<Backlog.Event> events, int from, int to) {
        for (int i = from; i < to; i++) {
            kafka.send(topic, events.get(i).partition(), "k" + i, events.get(i).json(i));
        }
        kafka.flush();
    }

    /** One instance in its own JVM, with a state directory of its own (as a new pod). */
    private static StageProcess start(Map<String, String> props, Path log) throws Exception {
        Map<String, String> copy = new HashMap<>(props);
        copy.put("stage.state-dir", Files.createTempDirectory("aggregate-crash").toString());
        return StageProcess.start(Application.class, copy, log, JVM_OPTIONS);
    }
}
