package io.platform.etl.stage.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.platform.etl.stage.aggregate.window.TumblingWindows;
import io.platform.etl.stagetestkit.KafkaIo;
import io.platform.etl.testkit.CommittedTopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The trap of issue 13: a backlog whose four input partitions run an hour apart in event time, consumed together and
 * interleaved through the hop topic. A task's maximum event time runs far ahead of the slower partitions;
 * the pipeline watermark (minimum over the upstream tasks) does not. No record may be late, and the final results
 * must equal a reference computed here.
 */
class SkewedBacklogIT {

    // The size: a million records (about 25 s of this test on the 2-core machine, 12 s of it the stage's).
    private static final int RECORDS = 1_000_000;
    private static final int PARTITIONS = 4;

    @Test
    void dropsNoOnTimeRecordOfASkewedBacklogAndItsFinalResultsEqualTheReference() throws Exception {
        BrokerTopics topics = BrokerTopics.create("skew", PARTITIONS);
        String input = topics.input();
        List<Backlog.Event> events = Backlog.skewed(RECORDS, PARTITIONS, 200, Duration.ofHours(1),
                Duration.ofHours(2), 13);
        Map<String, String> expected = Reference.of(events,
                TumblingWindows.of(Duration.ofMinutes(5), Duration.ofMinutes(1)));

        try (KafkaIo kafka = new KafkaIo(topics.bootstrap())) {
            for (int i = 0; i < events.size(); i++) {
                kafka.send(input, events.get(i).partition(), "k" + i, events.get(i).json(i));
            }
            String clock = Instant.ofEpochMilli(Backlog.BASE).plus(Duration.ofHours(12)).toString();
            for (int p = 0; p < PARTITIONS; p++) {
                kafka.send(input, p, "clock", "{\"user_id\":\"clock\",\"timestamp\":\"" + clock + "\"}");
            }
            kafka.flush();
        }
        Map<String, String> props = topics.properties(
                TestSpecs.yaml("final", "dead_letter", TestSpecs.SEED_AGGREGATIONS));
        long started = System.nanoTime();
        try (ApplicationContext context = ApplicationContext.run(new HashMap<String, Object>(props));
             CommittedTopicReader results = new CommittedTopicReader(topics.bootstrap(), topics.output());
             CommittedTopicReader lateRecords = new CommittedTopicReader(topics.bootstrap(), topics.late())) {
            List<ConsumerRecord<byte[], byte[]>> all = KafkaIo.read(results, r -> r.size() >= expected.size(),
                    Duration.ofMinutes(4));
            System.out.printf("%,d records → %,d final results in %d s%n", RECORDS, all.size(),
                    (System.nanoTime() - started) / 1_000_000_000L);
            all = KafkaIo.data(results.drain(Duration.ofSeconds(1)));

            Map<String, String> actual = new HashMap<>();
            for (Results.Result result : Results.of(all).all()) {
                assertThat(result.isFinal()).isTrue();
                assertThat(actual.put(result.key(), Reference.summary(result.value())))
                        .as("one result per window and group: %s", result.key()).isNull();
            }
            assertThat(actual.size()).as("final results").isEqualTo(expected.size());
            assertThat(actual).isEqualTo(expected);
            assertThat(KafkaIo.data(lateRecords.drain(Duration.ZERO))).as("late records").isEmpty();
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(count(registry, Outcomes.LATE_DEAD_LETTER)).isZero();
            assertThat(count(registry, Outcomes.AGGREGATED)).isEqualTo(RECORDS + PARTITIONS);
        }
    }

    private static double count(MeterRegistry registry, String status) {
        Counter counter = registry.find("throughput").tag("status", status).counter();
        return counter == null ? 0 : counter.count();
    }
}
