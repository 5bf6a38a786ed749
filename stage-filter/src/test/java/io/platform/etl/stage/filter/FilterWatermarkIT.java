package io.platform.etl.stage.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.platform.etl.stageruntime.eventtime.WatermarkMark;
import io.platform.etl.stageruntime.eventtime.WatermarkRecords;
import io.platform.etl.stageruntime.kafka.StageSettings;
import io.platform.etl.stageruntime.kafka.StreamsProperties;
import io.platform.etl.stageruntime.spec.StageSection;
import io.platform.etl.stagetestkit.KafkaIo;
import io.platform.etl.stagetestkit.StageTestRun;
import io.platform.etl.testkit.CommittedTopicReader;
import io.platform.etl.testkit.PlatformPortsOccupied;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The filter is the pipeline's first stage: on the loop it derives the watermark from the records' event time and
 * writes it downstream in-band (ADR 0320, 0337), under the source ids its Kafka Streams tasks used.
 */
@MicronautTest
@ExtendWith(PlatformPortsOccupied.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilterWatermarkIT implements TestPropertyProvider {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    StageSection section;

    @Inject
    StageSettings settings;

    private KafkaIo kafka;

    @Override
    public Map<String, String> getProperties() {
        StageTestRun run = StageTestRun.of(this).createTopics(2, "user.events.raw", "events.filtered", "events.dlq");
        kafka = new KafkaIo(run.bootstrapServers());
        Map<String, String> p = new HashMap<>(run.properties());
        // The suffixed test topic is not the spec's source topic, which alone would choose data-derived time.
        p.put("stage.event-time.source", "data");
        p.put("stage.event-time.interval", "200ms");
        p.put("stage.event-time.idle-timeout", "2s");
        p.put("stage.event-time.out-of-orderness", "1s");
        return p;
    }

    @AfterAll
    void closeKafka() {
        kafka.close();
    }

    @Test
    void writesTheLargestEventTimeOfAPartitionAndMarksAQuietCaughtUpPartitionIdle() {
        String input = section.topics().input();
        kafka.send(input, 0, "a", "{\"event_id\":\"w1\",\"event_type\":\"view\",\"timestamp\":1714557600000}");
        kafka.send(input, 0, "b", "{\"event_id\":\"w2\",\"event_type\":\"click\",\"timestamp\":1714557605000}");
        kafka.send(input, 0, "c", "{\"event_id\":\"w3\",\"event_type\":\"click\",\"timestamp\":1714557602000}");
        kafka.flush();
        String source = StreamsProperties.applicationId(section, settings) + "/0_";
        WatermarkMark advanced = new WatermarkMark(source + 0, 1714557604000L, 2, false);

        try (CommittedTopicReader reader = kafka.reader(section.topics().output())) {
            List<ConsumerRecord<byte[], byte[]>> out = reader.until(
                    marks(m -> m.equals(advanced)).and(marks(m -> m.source().equals(source + 1) && m.idle())), WAIT);
            assertThat(marksIn(out)).contains(advanced)
                    .anyMatch(m -> m.source().equals(source + 1) && m.idle() && m.sources() == 2);
            assertThat(out.stream().filter(r -> isMark(r, advanced)).map(ConsumerRecord::partition).distinct())
                    .as("the mark goes to every output partition").containsExactlyInAnyOrder(0, 1);
            assertThat(marksIn(out)).as("the filtered view still moves event time; nothing runs ahead of the data")
                    .allSatisfy(m -> assertThat(m.watermark()).isLessThanOrEqualTo(1714557604000L));
        }
    }

    private static Predicate<List<ConsumerRecord<byte[], byte[]>>> marks(Predicate<WatermarkMark> wanted) {
        return records -> marksIn(records).stream().anyMatch(wanted);
    }

    private static List<WatermarkMark> marksIn(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().filter(r -> WatermarkRecords.isWatermark(r.headers()))
                .map(r -> WatermarkRecords.decode(r.headers())).toList();
    }

    private static boolean isMark(ConsumerRecord<byte[], byte[]> record, WatermarkMark mark) {
        return WatermarkRecords.isWatermark(record.headers()) && WatermarkRecords.decode(record.headers()).equals(mark);
    }
}
