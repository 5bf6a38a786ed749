package io.platform.etl.stageruntime.topology;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.platform.etl.model.spec.PipelineSpecParser;
import io.platform.etl.model.spec.StageType;
import io.platform.etl.model.spec.StreamingPipeline;
import io.platform.etl.stageruntime.StageTopology;
import io.platform.etl.stageruntime.dlq.DeadLetters;
import io.platform.etl.stageruntime.eventtime.EventTime;
import io.platform.etl.stageruntime.eventtime.EventTimeSettings;
import io.platform.etl.stageruntime.eventtime.NoBrokerTopics;
import io.platform.etl.stageruntime.eventtime.WatermarkRecords;
import io.platform.etl.stageruntime.kafka.KafkaSettings;
import io.platform.etl.stageruntime.kafka.StageSettings;
import io.platform.etl.stageruntime.kafka.StreamsProperties;
import io.platform.etl.stageruntime.kafka.TopologyAssembler;
import io.platform.etl.stageruntime.metrics.StageMetrics;
import io.platform.etl.stageruntime.spec.StageSection;
import io.platform.etl.stageruntime.spec.StageTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * A stage's topology as the runtime assembles and configures it (decode, dead letters, exception handlers, metrics),
 * on {@link TopologyTestDriver}: no broker. Topics {@code in}, {@code out}, {@code dlq}; stage name {@code filter}.
 */
public final class StageDriver implements AutoCloseable {

    static final String STAGE = "filter";
    static final String INPUT = "in";

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TopologyTestDriver driver;
    private final TestInputTopic<byte[], byte[]> input;
    private final TestOutputTopic<byte[], byte[]> output;
    private final TestOutputTopic<byte[], byte[]> deadLetters;

    public StageDriver(StageTopology stage, int maxRecordBytes) {
        StreamingPipeline seed = PipelineSpecParser.seed();
        StageSection section = new StageSection(seed, seed.stage(StageType.FILTER).orElseThrow(),
                new StageTopics(INPUT, "out", "dlq"));
        StageMetrics metrics = new StageMetrics(registry, section.name());
        DeadLetters dead = new DeadLetters(section.name(), "dlq", metrics);
        StageSettings settings = new StageSettings(STAGE, null, "driver", "", 1, Duration.ofMillis(100), stateDir(),
                Duration.ofSeconds(5), maxRecordBytes, 0, Map.of());
        Properties props = StreamsProperties.build(section, settings,
                new KafkaSettings("PLAINTEXT", null, null, null, null, null), "driver:9092", dead);
        EventTime eventTime = new EventTime(EventTimeSettings.defaults(), Duration.ofSeconds(1), "driver",
                new NoBrokerTopics());
        driver = new TopologyTestDriver(TopologyAssembler.assemble(section, stage, metrics, dead, maxRecordBytes,
                eventTime), props);
        input = driver.createInputTopic(INPUT, new ByteArraySerializer(), new ByteArraySerializer());
        output = driver.createOutputTopic("out", new ByteArrayDeserializer(), new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic("dlq", new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    void send(String key, String value, Headers headers) {
        input.pipeInput(new TestRecord<>(bytes(key), bytes(value), headers));
    }

    public void send(String key, String value) {
        input.pipeInput(bytes(key), bytes(value));
    }

    TestOutputTopic<byte[], byte[]> deadLetters() {
        return deadLetters;
    }

    /** The values written to the output topic since the last call, as text (watermark control records left out). */
    public List<String> outputs() {
        return output.readRecordsToList().stream().filter(r -> !WatermarkRecords.isWatermark(r.headers()))
                .map(r -> text(r.value())).toList();
    }

    public double count(String status) {
        var counter = registry.find("throughput").tags("stage", STAGE, "status", status).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        driver.close();
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static String stateDir() {
        try {
            return Files.createTempDirectory("stage-driver").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
