package io.platform.etl.stage.aggregate;

import static io.platform.etl.stagetestkit.KafkaIo.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.platform.etl.stageruntime.loop.LoopWorker;
import io.platform.etl.stageruntime.loop.StageLoop;
import io.platform.etl.stagetestkit.KafkaIo;
import io.platform.etl.testkit.CommittedTopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * The stage in one Micronaut context on the real broker, {@code output_mode: final} and
 * {@code late_data_handling: dead_letter}: two input partitions, watermarks derived from their event times and
 * carried through the hop topic, golden results on {@code events.processed} and {@code events.late}.
 */
class AggregateStageIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String U1 = "\"user_id\":\"u1\",\"event_type\":\"click\",\"region\":\"EU\"";

    @Test
    void closesWindowsByTheWatermarkAcrossPartitionsAndDeadLettersARecordLaterThanTheLateness() throws Exception {
        BrokerTopics topics = BrokerTopics.create("agg", 2);
        String input = topics.input();
        Map<String, String> props = topics.properties(
                TestSpecs.yaml("final", "dead_letter", TestSpecs.SEED_AGGREGATIONS));

        try (ApplicationContext context = ApplicationContext.run(new java.util.HashMap<String, Object>(props));
             KafkaIo kafka = new KafkaIo(topics.bootstrap());
             CommittedTopicReader results = kafka.reader(topics.output());
             CommittedTopicReader lateRecords = kafka.reader(topics.late())) {
            // Partition 0 out of order within the window; partition 1 holds the next window's first record.
            send(kafka, input, 0, "2024-05-01T10:04:59.999Z", U1);
            send(kafka, input, 0, "2024-05-01T10:01:00Z", U1 + ",\"amount\":10");
            send(kafka, input, 0, "2024-05-01T10:02:00Z", "\"user_id\":\"u2\",\"event_type\":\"view\",\"amount\":2.5");
            send(kafka, input, 1, "2024-05-01T10:03:00Z", U1 + ",\"amount\":5");
            send(kafka, input, 1, "2024-05-01T10:05:00Z", U1 + ",\"amount\":1");
            pushWatermark(kafka, input, "2024-05-01T10:07:00Z");
            List<ConsumerRecord<byte[], byte[]>> closed = KafkaIo.read(results, r -> r.size() >= 2, WAIT);
            assertThat(closed).extracting(r -> text(r.value())).containsExactlyInAnyOrder(
                    "{\"window_start\":\"2024-05-01T10:00:00Z\",\"window_end\":\"2024-05-01T10:05:00Z\","
                            + "\"user_id\":\"u1\",\"event_type\":\"click\",\"region\":\"EU\",\"total_amount\":15,"
                            + "\"event_count\":3,\"last_event_time\":\"2024-05-01T10:04:59.999Z\",\"final\":true,"
                            + "\"version\":1}",
                    "{\"window_start\":\"2024-05-01T10:00:00Z\",\"window_end\":\"2024-05-01T10:05:00Z\","
                            + "\"user_id\":\"u2\",\"event_type\":\"view\",\"region\":null,\"total_amount\":2.5,"
                            + "\"event_count\":1,\"last_event_time\":\"2024-05-01T10:02:00Z\",\"final\":true,"
                            + "\"version\":1}");

            send(kafka, input, 1, "2024-05-01T10:04:00Z", U1 + ",\"amount\":100");
            kafka.flush();
            ConsumerRecord<byte[], byte[]> lateRecord = KafkaIo.read(lateRecords, r -> !r.isEmpty(), WAIT).getFirst();
            assertThat(text(lateRecord.value())).isEqualTo(
                    "{" + U1 + ",\"amount\":100,\"timestamp\":\"2024-05-01T10:04:00Z\"}");
            assertThat(headers(lateRecord)).containsAllEntriesOf(Map.of(
                    "x-late-reason", "window_closed",
                    "x-late-window-start", "2024-05-01T10:00:00Z",
                    "x-late-window-end", "2024-05-01T10:05:00Z",
                    "x-late-watermark", "2024-05-01T10:07:00Z",
                    "x-late-by-ms", "180000"));

            pushWatermark(kafka, input, "2024-05-01T10:30:00Z");
            List<ConsumerRecord<byte[], byte[]>> all = KafkaIo.read(results, r -> r.size() >= 4, WAIT);
            assertThat(all.subList(2, all.size())).extracting(r -> text(r.value())).containsExactlyInAnyOrder(
                    "{\"window_start\":\"2024-05-01T10:05:00Z\",\"window_end\":\"2024-05-01T10:10:00Z\","
                            + "\"user_id\":\"u1\",\"event_type\":\"click\",\"region\":\"EU\",\"total_amount\":1,"
                            + "\"event_count\":1,\"last_event_time\":\"2024-05-01T10:05:00Z\",\"final\":true,"
                            + "\"version\":1}",
                    "{\"window_start\":\"2024-05-01T10:05:00Z\",\"window_end\":\"2024-05-01T10:10:00Z\","
                            + "\"user_id\":\"clock\",\"event_type\":\"tick\",\"region\":null,\"total_amount\":0,"
                            + "\"event_count\":2,\"last_event_time\":\"2024-05-01T10:07:00Z\",\"final\":true,"
                            + "\"version\":1}");
            assertThat(KafkaIo.data(results.drain(Duration.ofSeconds(1)))).as("one final result per window and group")
                    .hasSize(4);
            assertThat(KafkaIo.data(lateRecords.drain(Duration.ZERO))).hasSize(1);
            assertThat(context.getBean(StageLoop.class).state()).isEqualTo(LoopWorker.State.RUNNING);
        }
    }

    private static void send(KafkaIo kafka, String topic, int partition, String timestamp, String fields) {
        kafka.send(topic, partition, "k", "{" + fields + ",\"timestamp\":\"" + timestamp + "\"}");
    }

    /** One record at {@code timestamp} in each partition moves the data-derived watermark there. */
    private static void pushWatermark(KafkaIo kafka, String topic, String timestamp) {
        for (int partition = 0; partition < 2; partition++) {
            send(kafka, topic, partition, timestamp, "\"user_id\":\"clock\",\"event_type\":\"tick\"");
        }
        kafka.flush();
    }

    private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new TreeMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}
