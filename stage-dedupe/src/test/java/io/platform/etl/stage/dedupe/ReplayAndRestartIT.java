package io.platform.etl.stage.dedupe;

import static io.platform.etl.stage.dedupe.Events.event;
import static io.platform.etl.stagetestkit.KafkaIo.data;
import static io.platform.etl.stagetestkit.KafkaIo.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.platform.etl.model.rules.dedupe.DedupeAlgorithm;
import io.platform.etl.model.rules.dedupe.DeduplicationConfig;
import io.platform.etl.stagetestkit.KafkaIo;
import io.platform.etl.stagetestkit.StageTestRun;
import io.platform.etl.testkit.CommittedTopicReader;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Determinism and restorable state: the stage run live (input arriving in small batches while it runs) and a fresh
 * instance replaying the same topic as a backlog at full speed write the same records; the live instance, restarted
 * on an empty state directory (state restored from the changelogs), still drops copies of keys it saw.
 */
class ReplayAndRestartIT {

    private static final long T0 = 1_714_557_600_000L;
    private static final int EVENTS = 3000;
    private static final Duration WAIT = Duration.ofSeconds(90);


    @Test
    void replayedBacklogGivesTheLiveOutputAndARestartKeepsRecognisingSeenKeys() throws Exception {
        StageTestRun run = StageTestRun.named("replay").eventTimeFromData()
                .createTopics(2, "events.filtered", "events.deduplicated", "events.replayed", "events.dlq");
        String input = "events.filtered" + run.suffix();
        String live = "events.deduplicated" + run.suffix();
        String liveBase = "events.deduplicated";
        String replay = "events.replayed" + run.suffix();
        String replayBase = "events.replayed";
        Map<String, String> base = run.properties();
        // A 5 s window over 60 s of event time: the run purges, expires nothing and keeps copies inside and outside.
        run.rules().publish(Events.rules(1, DeduplicationConfig.of(List.of("event_id"))
                .withAlgorithm(DedupeAlgorithm.EXACT).withWindowSize(Duration.ofSeconds(5))));

        List<String> values = traffic();
        int expected = (int) values.stream().distinct().count();
        Map<String, String> liveProps = instance(base, "live", liveBase);
        try (KafkaIo kafka = new KafkaIo(run.bootstrapServers());
             CommittedTopicReader liveOut = kafka.reader(live)) {
            try (ApplicationContext stage = start(liveProps)) {
                for (int i = 0; i < values.size(); i++) {
                    kafka.send(input, i % 2, "k" + i, values.get(i));
                    if (i % 300 == 299) {
                        kafka.flush();
                        Thread.sleep(50);
                    }
                }
                kafka.flush();
                liveOut.until(r -> data(r).size() >= expected, WAIT);
            }
            List<String> liveValues = sorted(data(liveOut.drain(Duration.ofMillis(500))));
            assertThat(liveValues).hasSize(expected).doesNotHaveDuplicates();

            try (ApplicationContext stage = start(instance(base, "replay", replayBase));
                 CommittedTopicReader replayOut = kafka.reader(replay)) {
                replayOut.until(r -> data(r).size() >= expected, WAIT);
                assertThat(sorted(data(replayOut.drain(Duration.ofMillis(500))))).isEqualTo(liveValues);
            }

            liveProps.put("stage.state-dir", Files.createTempDirectory("restart-state").toString());
            try (ApplicationContext stage = start(liveProps)) {
                for (int i = EVENTS - 1000; i < EVENTS; i += 10) {
                    kafka.send(input, (i + 1) % 2, "again" + i, event("e-" + i, "u", T0 + i * 20L));
                }
                kafka.send(input, 0, "new", event("e-new", "u", T0 + EVENTS * 20L));
                kafka.flush();
                int before = liveValues.size();
                liveOut.until(r -> data(r).size() > before, WAIT);
                List<ConsumerRecord<byte[], byte[]>> all = data(liveOut.drain(Duration.ofSeconds(1)));
                assertThat(all.subList(before, all.size())).extracting(r -> text(r.key())).containsExactly("new");
            }
        }
    }

    /** EVENTS unique events 20 ms apart; every 10th gets an identical copy a few events later (inside the window)
     *  and every 25th a copy 6 s of event time later (outside the window). */
    private static List<String> traffic() {
        Random random = new Random(11);
        List<String> values = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            values.add(event("e-" + i, "u", T0 + i * 20L));
            if (i % 10 == 0) {
                pending.add(event("e-" + i, "u", T0 + i * 20L));
            }
            if (i % 25 == 0 && i * 20L + 6000 < EVENTS * 20L) {
                values.add(event("e-" + i, "u", T0 + i * 20L + 6000));
            }
            if (!pending.isEmpty() && random.nextInt(3) == 0) {
                values.add(pending.remove(0));
            }
        }
        values.addAll(pending);
        return values;
    }

    /** Application id and output topic get the test's topic suffix appended by the runtime. */
    private static Map<String, String> instance(Map<String, String> base, String applicationId, String output)
            throws java.io.IOException {
        Map<String, String> p = new HashMap<>(base);
        p.put("stage.application-id", applicationId);
        p.put("stage.topics.output", output);
        p.put("stage.state-dir", Files.createTempDirectory("dedupe-state").toString());
        return p;
    }

    private static ApplicationContext start(Map<String, String> properties) {
        return ApplicationContext.run(new HashMap<String, Object>(properties));
    }

    private static List<String> sorted(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> text(r.value())).sorted().toList();
    }
}
