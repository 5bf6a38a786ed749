package io.platform.etl.stage.dedupe;

import static io.platform.etl.stage.dedupe.Events.event;
import static io.platform.etl.stagetestkit.KafkaIo.data;
import static io.platform.etl.stagetestkit.KafkaIo.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.platform.etl.model.rules.dedupe.DedupeAlgorithm;
import io.platform.etl.model.rules.dedupe.DeduplicationConfig;
import io.platform.etl.stagetestkit.KafkaIo;
import io.platform.etl.stagetestkit.StageTestRun;
import io.platform.etl.testkit.CommittedTopicReader;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A backlog whose two input partitions are an hour apart in event time, with copies of the lagging partition's
 * events in the leading one. Consumed together, both meet in the tasks after the repartition hop: a task's maximum
 * event time jumps an hour ahead after the first record of the leading partition, and a watermark derived from it
 * (the former stand-in, max − 5 s) expired every later record of the lagging partition and let its copies through.
 * The pipeline watermark is the minimum over the input partitions: nothing expires, every copy is dropped.
 */
class SkewedBacklogIT {

    private static final long T0 = 1_714_557_600_000L;
    private static final long HOUR = 3_600_000L;
    private static final int PER_PARTITION = 2000;

    @Test
    void expiresNoKeyOfAPartitionAnHourBehindAndDropsItsCopiesInTheOtherPartition() throws Exception {
        StageTestRun run = StageTestRun.named("skew").eventTimeFromData()
                .createTopics(2, "events.filtered", "events.deduplicated", "events.dlq");
        String input = "events.filtered" + run.suffix();
        String output = "events.deduplicated" + run.suffix();
        String dlq = "events.dlq" + run.suffix();
        run.rules().publish(Events.rules(1, DeduplicationConfig.of(List.of("event_id"))
                .withAlgorithm(DedupeAlgorithm.EXACT)));

        Set<String> unique = new HashSet<>();
        try (KafkaIo kafka = new KafkaIo(run.bootstrapServers())) {
            for (int i = 0; i < PER_PARTITION; i++) {
                // Partition 0 lags an hour behind partition 1; both are in event-time order.
                kafka.send(input, 0, "slow" + i, event("slow-" + i, "u", T0 + i * 10L));
                kafka.send(input, 1, "fast" + i, event("fast-" + i, "u", T0 + HOUR + i * 10L));
                unique.add("slow-" + i);
                unique.add("fast-" + i);
                if (i % 10 == 5) {
                    int j = i - 5;
                    kafka.send(input, 1, "slow-copy" + j, event("slow-" + j, "u", T0 + j * 10L));
                    kafka.send(input, 0, "slow-copy-same-partition" + j, event("slow-" + j, "u", T0 + j * 10L));
                    kafka.send(input, 1, "fast-copy" + j, event("fast-" + j, "u", T0 + HOUR + j * 10L));
                }
            }
            kafka.flush();
        }

        Map<String, String> props = run.properties();
        props.put("stage.state-dir", Files.createTempDirectory("skew-state").toString());
        props.put("stage.dedupe.expired", "dead_letter");
        try (ApplicationContext stage = ApplicationContext.run(new HashMap<String, Object>(props));
             CommittedTopicReader out = new CommittedTopicReader(run.bootstrapServers(), output);
             CommittedTopicReader deadLetters = new CommittedTopicReader(run.bootstrapServers(), dlq)) {
            out.until(r -> data(r).size() >= unique.size(), Duration.ofSeconds(120));
            List<String> ids = data(out.drain(Duration.ofSeconds(1))).stream().map(SkewedBacklogIT::id).toList();
            assertThat(ids).hasSize(unique.size()).doesNotHaveDuplicates();
            assertThat(new HashSet<>(ids)).isEqualTo(unique);
            assertThat(data(deadLetters.drain(Duration.ofMillis(500)))).as("dead-lettered as expired").isEmpty();
            MeterRegistry registry = stage.getBean(MeterRegistry.class);
            // The pipeline watermark was in force: it reached the lagging partition's last event time.
            long lastOfLagging = T0 + (PER_PARTITION - 1) * 10L;
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                Gauge gauge = registry.find("dedupe_watermark_seconds").gauge();
                return gauge != null && gauge.value() >= lastOfLagging / 1000.0;
            });
            assertThat(count(registry, "expired") + count(registry, "dlq")).as("expired records").isZero();
            assertThat(count(registry, "duplicate")).isEqualTo(3 * PER_PARTITION / 10);
        }
    }

    private static String id(ConsumerRecord<byte[], byte[]> record) {
        String value = text(record.value());
        int start = value.indexOf("\"event_id\":\"") + 12;
        return value.substring(start, value.indexOf('"', start));
    }

    private static double count(MeterRegistry registry, String status) {
        Counter counter = registry.find("throughput").tags("stage", "deduplicate", "status", status).counter();
        return counter == null ? 0 : counter.count();
    }
}
