package io.platform.etl.stage.aggregate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.platform.etl.model.event.Event;
import io.platform.etl.model.spec.StageConfig;
import io.platform.etl.model.spec.StageType;
import io.platform.etl.model.spec.StreamingPipeline;
import io.platform.etl.stageruntime.InputRecord;
import io.platform.etl.stageruntime.metrics.StageMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The stage's aggregation graph on {@link TopologyTestDriver}: JSON in, results and late records out, the watermark
 * set by the test through a {@link ManualClock}, wall-clock punctuation driven by {@link #tick()}.
 */
final class TopologyHarness implements AutoCloseable {

    static final String INPUT = "events.enriched";
    static final String OUTPUT = "events.processed";
    static final String LATE = "events.late";
    static final Duration EMIT = Duration.ofMillis(100);

    final ManualClock clock = new ManualClock();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, String> input;
    private final TestOutputTopic<String, String> output;
    private final TestOutputTopic<String, String> late;

    TopologyHarness(StreamingPipeline pipeline, AggregateSettings settings) {
        StageConfig.Aggregate stage = pipeline.spec().stageConfig(StageType.AGGREGATE, StageConfig.Aggregate.class)
                .orElseThrow();
        AggregateConfig config = AggregateConfig.from(pipeline, "aggregate", stage, settings, "");
        Serde<byte[]> bytes = Serdes.ByteArray();
        StreamsBuilder builder = new StreamsBuilder();
        KStream<byte[], InputRecord> records = builder.stream(INPUT, Consumed.with(bytes, bytes))
                .mapValues(v -> new InputRecord(v, Event.parse(v), System.nanoTime()));
        AggregateGraph.attach(records, builder, config, task -> clock, new StageMetrics(registry, "aggregate"))
                .to(OUTPUT, Produced.with(bytes, bytes));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "aggregate-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try {
            props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("aggregate-ttd").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        driver = new TopologyTestDriver(builder.build(), props, Instant.parse("2030-01-01T00:00:00Z"));
        input = driver.createInputTopic(INPUT, new StringSerializer(), new StringSerializer());
        output = driver.createOutputTopic(OUTPUT, new StringDeserializer(), new StringDeserializer());
        late = driver.createOutputTopic(LATE, new StringDeserializer(), new StringDeserializer());
    }

    static AggregateSettings settings() {
        return new AggregateSettings(EMIT, Duration.ofSeconds(30), Duration.ofHours(1), 10_000);
    }

    /** Sends one event; {@code fields} is the JSON object's content without braces, {@code timestamp} added. */
    void send(String timestamp, String fields) {
        input.pipeInput("k", "{" + fields + (fields.isEmpty() ? "" : ",") + "\"timestamp\":\"" + timestamp + "\"}");
    }

    /** One emit interval of wall-clock time passes. */
    void tick() {
        driver.advanceWallClockTime(EMIT);
    }

    void advanceWallClock(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    List<String> results() {
        return output.readValuesToList();
    }

    List<TestRecord<String, String>> resultRecords() {
        return output.readRecordsToList();
    }

    List<TestRecord<String, String>> lateRecords() {
        return late.readRecordsToList();
    }

    double outcomes(String status) {
        Counter counter = registry.find("throughput").tag("status", status).counter();
        return counter == null ? 0 : counter.count();
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }


    @Override
    public void close() {
        driver.close();
    }
}
