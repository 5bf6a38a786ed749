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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The state comes back from the hop's changelog alone (ADR 0609): an instance that passed every key is killed with
 * SIGKILL, and a new process (nothing local survives either way) given copies of all of them, each in the other
 * input partition than its original, passes none of them and passes a new key. For both algorithms: the Bloom pages
 * are written to the changelog folded, once per commit, so this also shows no commit goes out without them.
 */
class RestartRestoresStateIT {

    private static final int EVENTS = 2_000;
    private static final long T0 = 1_714_557_600_000L;
    private static final Duration WAIT = Duration.ofSeconds(180);

    @ParameterizedTest
    @EnumSource(value = DedupeAlgorithm.class, names = {"EXACT", "BLOOM_FILTER"})
    void aNewProcessRecognisesEveryKeyTheKilledOnePassed(DedupeAlgorithm algorithm) throws Exception {
        StageTestRun run = StageTestRun.named("restart-" + algorithm.jsonName().replace('_', '-')).eventTimeFromData()
                .createTopics(2, "events.filtered", "events.deduplicated", "events.dlq");
        String input = "events.filtered" + run.suffix();
        String output = "events.deduplicated" + run.suffix();
        run.rules().publish(Events.rules(1, new DeduplicationConfig(Duration.ofHours(1), List.of("event_id"),
                algorithm, null, 0.001, 100_000L)));
        Map<String, String> props = run.properties();
        Path logs = Path.of("target");

        try (KafkaIo kafka = new KafkaIo(run.bootstrapServers());
             CommittedTopicReader reader = new CommittedTopicReader(run.bootstrapServers(), output)) {
            for (int i = 0; i < EVENTS; i++) {
                kafka.send(input, i % 2, "k" + i, event("e-" + i, "u", T0 + i));
            }
            kafka.flush();
            String log = "restart-" + algorithm.jsonName();
            try (StageProcess first = StageProcess.start(Application.class, props, logs.resolve(log + "-first.log"))) {
                reader.until(r -> data(r).size() >= EVENTS, WAIT);
                first.kill();
            }
            int before = data(reader.drain(Duration.ofMillis(500))).size();
            assertThat(before).isEqualTo(EVENTS);

            for (int i = 0; i < EVENTS; i++) {
                kafka.send(input, (i + 1) % 2, "copy" + i, event("e-" + i, "u", T0 + i));
            }
            kafka.send(input, 0, "new", event("e-new", "u", T0 + EVENTS));
            kafka.flush();
            try (StageProcess second = StageProcess.start(Application.class, props,
                    logs.resolve(log + "-second.log"))) {
                reader.until(r -> data(r).size() > before, WAIT);
                List<ConsumerRecord<byte[], byte[]>> all = data(reader.drain(Duration.ofSeconds(2)));
                assertThat(all.subList(before, all.size())).extracting(r -> text(r.key())).containsExactly("new");
            }
        }
    }
}
