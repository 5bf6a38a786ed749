package io.platform.etl.stageruntime.topology;

import static io.platform.etl.stageruntime.topology.StageDriver.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.platform.etl.stageruntime.InputRecord;
import io.platform.etl.stageruntime.StageContext;
import io.platform.etl.stageruntime.StageTopology;
import io.platform.etl.stageruntime.dlq.DeadLetters;
import io.platform.etl.stageruntime.dlq.ErrorClass;
import io.platform.etl.stageruntime.dlq.StageException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The topology every stage runs (decode → dead letters, the stage's part, exception handlers, metrics), assembled
 * and configured by the runtime, on {@code TopologyTestDriver} with a pass-through stage that fails on request.
 */
class AssembledTopologyTest {

    private static final String VALID = "{\"event_id\":\"e1\",\"event_type\":\"click\",\"timestamp\":1714557600000}";

    private final StageDriver stage = new StageDriver(new PassOrFail(), 256);

    @AfterEach
    void close() {
        stage.close();
    }

    @Test
    void sendsEachUnreadableKindToDeadLettersWithTheOriginalBytesHeadersAndReason() {
        Map<String, String> poison = Map.of(
                "not_json", "{not json",
                "not_object", "[1,2]",
                "missing_timestamp", "{\"event_id\":\"e\"}",
                "bad_timestamp", "{\"event_id\":\"e\",\"timestamp\":\"yesterday\"}",
                "too_large", "{\"timestamp\":1714557600000,\"pad\":\"" + "x".repeat(300) + "\"}");
        poison.forEach((reason, value) -> stage.send(reason, value,
                new RecordHeaders().add("trace-id", reason.getBytes(StandardCharsets.UTF_8))));
        stage.send("after", VALID);

        List<TestRecord<byte[], byte[]>> dead = stage.deadLetters().readRecordsToList();
        assertThat(dead).extracting(r -> header(r, DeadLetters.REASON))
                .containsExactlyInAnyOrderElementsOf(poison.keySet());
        long offset = 0;
        for (TestRecord<byte[], byte[]> record : dead) {
            String reason = header(record, DeadLetters.REASON);
            assertThat(text(record.key())).isEqualTo(reason);
            assertThat(text(record.value())).isEqualTo(poison.get(reason));
            assertThat(header(record, "trace-id")).isEqualTo(reason);
            assertThat(header(record, DeadLetters.STAGE)).isEqualTo(StageDriver.STAGE);
            assertThat(header(record, DeadLetters.MESSAGE)).isNotBlank();
            assertThat(header(record, DeadLetters.ORIGINAL_TOPIC)).isEqualTo(StageDriver.INPUT);
            assertThat(header(record, DeadLetters.ORIGINAL_PARTITION)).isEqualTo("0");
            assertThat(header(record, DeadLetters.ORIGINAL_OFFSET)).isEqualTo(Long.toString(offset++));
        }
        assertThat(stage.outputs()).containsExactly(VALID);
    }

    @Test
    void truncatesALongErrorMessageInTheDeadLetterHeader() {
        String bad = "{\"event_id\":\"e2\",\"timestamp\":1714557600000,\"fail\":true}";
        stage.send("k", bad);

        TestRecord<byte[], byte[]> dead = stage.deadLetters().readRecord();
        assertThat(text(dead.value())).isEqualTo(bad);
        assertThat(header(dead, DeadLetters.REASON)).isEqualTo("stage_failed");
        String message = header(dead, DeadLetters.MESSAGE);
        assertThat(message).hasSize(1001).endsWith("…").contains("x".repeat(900));
        assertThat(stage.deadLetters().isEmpty()).isTrue();
        assertThat(stage.outputs()).isEmpty();
    }

    @Test
    void countsEveryRecordsOutcomeAndLatencyAndTheErrorRateOfDeadLetters() {
        stage.send("a", VALID);
        stage.send("b", "{not json");
        stage.send("c", VALID);
        stage.send("d", "{\"event_id\":\"e3\",\"timestamp\":1714557600000,\"fail\":true}");

        assertThat(stage.count("passed")).isEqualTo(2.0);
        assertThat(stage.count("dlq")).isEqualTo(2.0);
        assertThat(stage.registry.get("processing_latency").tags("stage", StageDriver.STAGE).timer().count())
                .isEqualTo(4);
        assertThat(stage.registry.get("error_rate").tags("stage", StageDriver.STAGE, "error_type", "not_json")
                .gauge().value()).isEqualTo(0.25);
        assertThat(stage.registry.get("error_rate").tags("stage", StageDriver.STAGE, "error_type", "stage_failed")
                .gauge().value()).isEqualTo(0.25);
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : text(header.value());
    }

    /** Forwards each record unchanged, unless it has {@code "fail": true}: then a permanent error, long message. */
    private static final class PassOrFail implements StageTopology {

        @Override
        public KStream<byte[], byte[]> build(KStream<byte[], InputRecord> input, StageContext context) {
            return input.mapValues(record -> {
                if (record.event().field("fail").asBoolean(false)) {
                    throw new StageException(ErrorClass.PERMANENT, "stage_failed", "x".repeat(5000), null);
                }
                context.metrics().outcome("passed", record.receivedNanos());
                return record.value();
            });
        }
    }
}
