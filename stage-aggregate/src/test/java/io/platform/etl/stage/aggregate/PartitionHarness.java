package io.platform.etl.stage.aggregate;

import io.platform.etl.model.event.Event;
import io.platform.etl.model.spec.StageConfig;
import io.platform.etl.model.spec.StageType;
import io.platform.etl.model.spec.StreamingPipeline;
import io.platform.etl.stageruntime.keyed.Emitter;
import io.platform.etl.stageruntime.loop.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * The stage as the keyed runtime drives it, without a broker: each record is keyed by {@link AggregateStage#key} (as
 * before the hop), then given with the test-set watermark to one hop partition's {@link WindowPartition}; a
 * {@link #tick()} is one emit interval of wall-clock time and one loop iteration and commit. Results, late records, outcomes and
 * changelog entries are kept as the runtime would write them; {@link #restart()} rebuilds the partition from its
 * changelog as a new owner does (the runtime's restore is tested on the broker).
 */
final class PartitionHarness implements AutoCloseable {

    static final String LATE = "events.late";
    static final Duration EMIT = Duration.ofMillis(100);

    /** One record written to the output or the late-data topic. */
    record Out(String key, String value, Headers headers, Long timestamp) {
    }

    final ManualClock clock = new ManualClock();
    private final AggregateStage stage;
    private final Emitter emitter = new Recorder();
    private final List<Out> output = new ArrayList<>();
    private final List<Out> late = new ArrayList<>();
    private final Map<String, Integer> outcomes = new HashMap<>();
    /** The changelog as a compacted topic keeps it: the last value per key, in the order of their last writes. */
    private final Map<String, byte[][]> changelog = new java.util.LinkedHashMap<>();
    private WindowPartition partition;
    private long now = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();
    private long offset;
    private int changelogWrites;

    PartitionHarness(StreamingPipeline pipeline, AggregateSettings settings) {
        StageConfig.Aggregate config = pipeline.spec().stageConfig(StageType.AGGREGATE, StageConfig.Aggregate.class)
                .orElseThrow();
        stage = new AggregateStage(AggregateConfig.from(pipeline, "aggregate", config, settings, ""));
        partition = (WindowPartition) stage.open(0);
    }

    static AggregateSettings settings() {
        return new AggregateSettings(EMIT, Duration.ofSeconds(30), Duration.ofHours(1), 10_000);
    }

    /** Sends one event; {@code fields} is the JSON object's content without braces, {@code timestamp} added. */
    void send(String timestamp, String fields) {
        send(timestamp, fields, true);
    }

    /** Sends one event as a hop record from before ADR 0707 (no sample header): the state decodes its JSON. */
    void sendWithoutSample(String timestamp, String fields) {
        send(timestamp, fields, false);
    }

    private void send(String timestamp, String fields, boolean withSample) {
        byte[] value = ("{" + fields + (fields.isEmpty() ? "" : ",") + "\"timestamp\":\"" + timestamp + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        Event event = Event.parse(value);
        ConsumerRecord<byte[], byte[]> input = record("events.enriched", "k".getBytes(StandardCharsets.UTF_8), value,
                new RecordHeaders());
        Verdict.Route route = (Verdict.Route) stage.key(input, event);
        if (!withSample) {
            route.headers().remove(AggregateStage.SAMPLE);
        }
        // After the hop the runtime hands the state no decoded event (decodesAfterHop is false).
        partition.process(record("aggregate-hop", route.key(), value, route.headers()), null, clock.watermark(),
                emitter);
    }

    private ConsumerRecord<byte[], byte[]> record(String topic, byte[] key, byte[] value, Headers headers) {
        return new ConsumerRecord<>(topic, 0, offset++, now, TimestampType.CREATE_TIME, key.length, value.length, key,
                value, headers, Optional.empty());
    }

    /** One emit interval of wall-clock time passes. */
    void tick() {
        advanceWallClock(EMIT);
    }

    /** Wall-clock time passes; then one loop iteration and its commit. */
    void advanceWallClock(Duration duration) {
        iterate(duration);
        partition.beforeCommit(emitter);
    }

    /** Wall-clock time passes; then one loop iteration that does not commit (the commit interval is not over). */
    void iterate(Duration duration) {
        now += duration.toMillis();
        partition.tick(clock.watermark(), clock.idle(), now, emitter);
    }

    /** A new owner of the partition: a fresh state restored from the changelog (the clock is the test's). */
    void restart() {
        partition = (WindowPartition) stage.open(0);
        changelog.values().forEach(entry -> partition.restore(entry[0], entry[1]));
    }

    long entries() {
        return partition.entries();
    }

    List<String> results() {
        return resultRecords().stream().map(Out::value).toList();
    }

    List<Out> resultRecords() {
        List<Out> taken = List.copyOf(output);
        output.clear();
        return taken;
    }

    List<Out> lateRecords() {
        List<Out> taken = List.copyOf(late);
        late.clear();
        return taken;
    }

    double outcomes(String status) {
        return outcomes.getOrDefault(status, 0);
    }

    /** Changelog records written so far, tombstones included. */
    int changelogWrites() {
        return changelogWrites;
    }

    /** Changelog entries held (the last record per key, tombstones included). */
    int changelogKeys() {
        return changelog.size();
    }

    @Override
    public void close() {
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private final class Recorder implements Emitter {

        @Override
        public void output(byte[] key, byte[] value, Headers headers) {
            output.add(new Out(text(key), text(value), headers, null));
        }

        @Override
        public void output(byte[] key, byte[] value, Headers headers, long timestamp) {
            output.add(new Out(text(key), text(value), headers, timestamp));
        }

        @Override
        public void send(String topic, byte[] key, byte[] value, Headers headers) {
            if (!topic.equals(LATE)) {
                throw new AssertionError("sent to " + topic);
            }
            late.add(new Out(text(key), text(value), headers, null));
        }

        @Override
        public void deadLetter(ConsumerRecord<byte[], byte[]> record, byte[] key, Headers headers, String reason,
                               String message, String sourceTopic, int sourcePartition, long sourceOffset,
                               long receivedNanos) {
            throw new AssertionError("dead-lettered: " + reason + " " + message);
        }

        @Override
        public void outcome(String status, long receivedNanos) {
            outcomes.merge(status, 1, Integer::sum);
        }

        @Override
        public void change(byte[] key, byte[] value) {
            changelogWrites++;
            String id = java.util.HexFormat.of().formatHex(key);
            changelog.remove(id);
            changelog.put(id, new byte[][] {key, value});
        }
    }
}
