import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.platform.etl.bench.kit.ChildJvm;
import io.platform.etl.bench.kit.CommitWatch;
import io.platform.etl.bench.kit.JvmOptions;
import io.platform.etl.bench.kit.Preload;
import io.platform.etl.bench.kit.ProcStats;
import io.platform.etl.bench.kit.Prometheus;
import io.platform.etl.bench.kit.stage.StageServiceSettings;
import io.platform.etl.bench.kit.stage.StageYaml;
import io.platform.etl.bench.kit.stage.StreamsBaseline;
import io.platform.etl.model.spec.PipelineSpecParser;
import io.platform.etl.model.spec.StageType;
import io.platform.etl.model.spec.StreamingPipeline;
import io.platform.etl.model.spec.WindowSpec;
import io.platform.etl.stageruntime.eventtime.WatermarkRecords;
import io.platform.etl.stageruntime.kafka.StageSettings;
import io.platform.etl.stageruntime.spec.StageSection;
import io.platform.etl.stageruntime.spec.StageTopics;
import io.platform.etl.testkit.CommittedTopicReader;
import io.platform.etl.testkit.FreePort;
import io.platform.etl.testkit.KafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;

/**
 * stage-aggregate benchmark (see README.md in this folder; usage: run.sh). Embedded single-node KRaft broker in this
 * JVM; every topology runs as its own JVM with the flags of stage-aggregate/jvm.options and the stage's Kafka
 * Streams settings (exactly_once_v2, 1 stream thread, commit 100 ms).
 * <ul>
 *   <li>passthrough: input → output, no parsing (the transactional consume → produce baseline)</li>
 *   <li>passthrough-hop: input → repartition topic → output, no parsing</li>
 *   <li>dsl: a plain Kafka Streams windowed aggregation (groupBy user_id/event_type/region, 5 min tumbling windows,
 *       1 min grace, sum/count/max)</li>
 *   <li>stage: the real stage-aggregate service (the runtime's keyed loops, ADR 0705), pipeline spec, output_mode
 *       update; then the bytes its changelog holds per (window, group) ({@link WindowStoreSize}); and, in this JVM,
 *       the heap its in-memory state takes per (window, group) ({@link StateFootprint})</li>
 *   <li>latency: the stage on a live paced feed, input → update result p50/p99 ({@link LatencyProbe})</li>
 * </ul>
 * Input: RECORDS events over GROUPS groups in 4 partitions that run an hour apart in event time (each partition in
 * event-time order). Every record is on time for its partition; a record the output does not count was dropped.
 */
public class AggregateBench {

    static final int PARTITIONS = 4;
    static final String INPUT = "bench.in";
    static final Duration RUN_LIMIT = Duration.ofMinutes(5);
    static final long BASE = Instant.parse("2024-05-01T00:00:00Z").toEpochMilli();
    static final long SKEW = Duration.ofHours(1).toMillis();
    static final long SPAN = Duration.ofHours(2).toMillis();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MODES = "passthrough,passthrough-hop,dsl,stage,latency";

    public static void main(String[] args) throws Exception {
        if (args[0].equals("child")) {
            child(args[1], args[2], args[3], args[4]);
            return;
        }
        String cp = args[0];
        int records = Integer.parseInt(args[1]);
        int groups = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        List<String> jvm = jvmOptions();
        String modes = System.getenv().getOrDefault("BENCH_MODES", MODES);
        int latencyRate = Integer.parseInt(System.getenv().getOrDefault("BENCH_LATENCY_RATE", "2000"));
        int latencySeconds = Integer.parseInt(System.getenv().getOrDefault("BENCH_LATENCY_SECONDS", "20"));
        List<LatencyProbe.Figures> latencies = new ArrayList<>();
        try (KafkaBroker kafka = KafkaBroker.embedded(null)) {
            String bootstrap = kafka.bootstrapServers();
            createTopics(bootstrap, Map.of(), INPUT, "bench.dlq");
            preload(bootstrap, records, groups);
            List<Result> results = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                for (String mode : modes.split(",")) {
                    String name = mode + "-" + round;
                    if (mode.equals("latency")) {
                        latencies.add(LatencyProbe.run(cp, jvm, bootstrap, name, windowMillis(), latencyRate,
                                latencySeconds));
                        continue;
                    }
                    String output = "bench.out." + name;
                    createTopics(bootstrap, Map.of(), output);
                    int port = FreePort.pick();
                    List<String> cmd = mode.equals("stage")
                            ? stageCommand(cp, jvm, bootstrap, name, INPUT, output, port)
                            : childCommand(cp, jvm, mode, bootstrap, name, output);
                    results.add(measure(name, mode, cmd, bootstrap, output, records, port));
                }
            }
            StateFootprint.Figures footprint = modes.contains("stage") ? StateFootprint.measure(StateFootprint.ENTRIES) : null;
            AggregateReport.write(modes, records, groups, rounds, jvm, results, latencies, footprint);
        }
        long unmatched = latencies.stream().mapToLong(LatencyProbe.Figures::unmatched).sum();
        if (unmatched > 0) {
            System.err.printf("FAILED: %,d live records never reached a result (see the figures)%n", unmatched);
            System.exit(1);
        }
    }

    /**
     * Topics that keep records of any age (the backlog's event times, and so its results', are in 2024), with
     * {@code configs} added.
     */
    static void createTopics(String bootstrap, Map<String, String> configs, String... names) throws Exception {
        Map<String, String> all = new HashMap<>(configs);
        all.put("retention.ms", "-1");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(Arrays.stream(names).map(n -> new NewTopic(n, PARTITIONS, (short) 1).configs(all))
                    .toList()).all().get();
        }
    }

    /** The spec's window size (the stage's tumbling windows, aligned to the epoch). */
    static long windowMillis() throws Exception {
        WindowSpec window = PipelineSpecParser.parse(Path.of("config/pipeline.yaml")).spec().processing().window();
        return (window == null ? WindowSpec.DEFAULTS : window).duration().toMillis();
    }

    static List<String> jvmOptions() throws IOException {
        return JvmOptions.read(Path.of("stage-aggregate/jvm.options"));
    }

    static List<String> childCommand(String cp, List<String> jvm, String mode, String bootstrap, String name,
                                     String output) {
        List<String> cmd = ChildJvm.java(jvm, cp);
        cmd.addAll(List.of("bench/stage-aggregate/AggregateBench.java", "child", mode, bootstrap, name, output));
        return cmd;
    }

    static List<String> stageCommand(String cp, List<String> jvm, String bootstrap, String name, String input,
                                     String output, int port) throws IOException {
        Map<String, String> props = StageServiceSettings.of(bootstrap, "config/pipeline.yaml", name, input, output,
                "bench.dlq", 1, port);
        props.put("rules.startup-wait", "0s");
        props.put("stage.event-time.source", "data");
        // BENCH_STAGE_JVM: extra flags for the stage JVM only (e.g. -Xlog:gc:file=stage-aggregate/target/gc.log).
        List<String> flags = new ArrayList<>(jvm);
        String extra = System.getenv().getOrDefault("BENCH_STAGE_JVM", "");
        if (!extra.isBlank()) {
            flags.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        return ChildJvm.java(flags, props, cp, "io.platform.etl.stage.aggregate.Application");
    }

    /** ~190-byte events; key = group; partition p runs p hours ahead in event time, in order within itself. */
    static void preload(String bootstrap, int records, int groups) {
        String[] types = {"click", "purchase"};
        String[] regions = {"EU", "US"};
        long step = SPAN / Math.max(1, records / PARTITIONS);
        Preload.send(bootstrap, INPUT + " (" + groups + " groups)", records, i -> {
            int partition = i % PARTITIONS;
            int group = (int) ((i * 2654435761L) % groups);
            long time = BASE + partition * SKEW + (i / PARTITIONS) * step;
            String json = "{\"event_id\":\"e-" + i + "\",\"user_id\":\"u" + group / 4 + "\",\"event_type\":\""
                    + types[group % 2] + "\",\"region\":\"" + regions[(group / 2) % 2] + "\",\"timestamp\":"
                    + time + ",\"amount\":" + (i % 300) + ".5,\"ip_address\":\"10.0." + (i % 250) + ".1\"}";
            return new ProducerRecord<>(INPUT, partition, time, ("g" + group).getBytes(StandardCharsets.UTF_8),
                    json.getBytes(StandardCharsets.UTF_8));
        });
    }

    /** {@code state}: the window store's size after the stage run, null for the other runs. */
    record Result(String name, String mode, double rate, double seconds, long hwmKb, long counted, String lateMetric,
                  WindowStoreSize.Figures state) {
    }

    /** Starts the JVM, waits until the group consumed everything (bounded), then counts what the output holds. */
    static Result measure(String name, String mode, List<String> cmd, String bootstrap, String output, int records,
                          int port) throws Exception {
        Path log = Path.of("stage-aggregate/target/bench-" + name + ".log");
        Process process = ChildJvm.start(cmd, log);
        try {
            CommitWatch.Run run = CommitWatch.await(name, process, log, bootstrap, name, INPUT, records, RUN_LIMIT,
                    new CommitWatch.Hooks() {
                        @Override
                        public boolean drained(Admin admin) throws Exception {
                            return mode.equals("stage") ? hopDrained(admin, name)
                                    : CommitWatch.internalTopicsDrained(admin, name, INPUT);
                        }
                    });
            long hwm = ProcStats.hwmKb(process.pid());
            // Read while the stage runs. How many entries are still live depends on when: as the input's partitions
            // go idle the watermark moves on, and after aggregate.idle-close-timeout the wall clock closes the rest.
            WindowStoreSize.Figures state = mode.equals("stage") ? WindowStoreSize.read(bootstrap, name) : null;
            String late = mode.equals("stage") ? lateMetric(port) : "";
            long counted = mode.startsWith("passthrough") ? -1 : countAggregated(bootstrap, output, mode);
            System.out.printf("[%s] records counted in the output: %,d of %,d%n", name, counted, records);
            return new Result(name, mode, run.rate(), run.seconds(), hwm, counted, late, state);
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    /**
     * The keyed stage's deciding loop (group {@code <application-id>-aggregate}) consumed its hop topic: every
     * partition committed, within 20 records (watermark marks, transaction markers) of its end.
     */
    static boolean hopDrained(Admin admin, String applicationId) throws Exception {
        String hop = applicationId + "-aggregate-hop";
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId + "-aggregate")
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            latest.put(new TopicPartition(hop, p), OffsetSpec.latest());
        }
        var ends = admin.listOffsets(latest).all().get();
        return latest.keySet().stream().allMatch(tp -> committed.get(tp) != null
                && ends.get(tp).offset() - committed.get(tp).offset() <= 20);
    }

    /** Sum of the record counts of the last result per key (window, group) on the output topic. */
    static long countAggregated(String bootstrap, String output, String mode) throws Exception {
        Map<String, Long> last = new HashMap<>();
        try (CommittedTopicReader reader = new CommittedTopicReader(bootstrap, output)) {
            int stable = 0;
            int seen = -1;
            while (stable < 3) {
                List<ConsumerRecord<byte[], byte[]>> all = reader.drain(Duration.ofSeconds(1));
                stable = all.size() == seen ? stable + 1 : 0;
                seen = all.size();
            }
            for (ConsumerRecord<byte[], byte[]> r : reader.drain(Duration.ZERO)) {
                if (WatermarkRecords.isWatermark(r.headers())) {
                    continue; // the stage's in-band watermarks on its output (ADR 0320)
                }
                String key = new String(r.key(), StandardCharsets.UTF_8);
                String value = new String(r.value(), StandardCharsets.UTF_8);
                long n = mode.equals("dsl") ? Long.parseLong(value.split("\\|")[1])
                        : JSON.readTree(value).get("event_count").asLong();
                last.put(key, n);
            }
        }
        return last.values().stream().mapToLong(Long::longValue).sum();
    }

    static String lateMetric(int port) {
        try {
            return Prometheus.scrape(port).lines().filter(l -> l.startsWith("throughput_total") && l.contains("late"))
                    .reduce((a, b) -> a + "; " + b).orElse("no late records");
        } catch (Exception e) {
            return "metrics not read: " + e;
        }
    }

    /** Child mode: one of the baselines with the stage's Kafka Streams settings. */
    static void child(String mode, String bootstrap, String applicationId, String output) throws Exception {
        StreamingPipeline seed = PipelineSpecParser.parse(Path.of("config/pipeline.yaml"));
        StageSection section = new StageSection(seed, seed.stage(StageType.AGGREGATE).orElseThrow(),
                new StageTopics(INPUT, output, "bench.dlq"));
        StageSettings settings = new StageSettings("aggregate", applicationId, applicationId, "", 1,
                Duration.ofMillis(100), Files.createTempDirectory("bench-child").toString(), Duration.ofSeconds(30),
                1048576, 3, StageYaml.streamsDefaults(Path.of("stage-aggregate/src/main/resources/application.yml")));
        Serde<byte[]> bytes = Serdes.ByteArray();
        StreamsBuilder builder = new StreamsBuilder();
        var input = builder.stream(INPUT, Consumed.with(bytes, bytes));
        switch (mode) {
            case "passthrough" -> input.to(output, Produced.with(bytes, bytes));
            case "passthrough-hop" -> input.repartition(Repartitioned.with(bytes, bytes).withName("hop"))
                    .to(output, Produced.with(bytes, bytes));
            case "dsl" -> input
                    .groupBy((k, v) -> groupOf(v), Grouped.with("group", Serdes.String(), bytes))
                    .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(5), Duration.ofMinutes(1)))
                    .aggregate(() -> "0|0|0", (k, v, agg) -> fold(v, agg),
                            Materialized.with(Serdes.String(), Serdes.String()))
                    .toStream((window, v) -> window.key() + "@" + window.window().start())
                    .to(output, Produced.with(Serdes.String(), Serdes.String()));
            default -> throw new IllegalArgumentException(mode);
        }
        StreamsBaseline.runUntilStopped(builder.build(), StreamsBaseline.properties(section, settings, bootstrap),
                streams -> System.out.printf("DROPPED %.0f%n", streams.metrics().entrySet().stream()
                        .filter(e -> e.getKey().name().equals("dropped-records-total"))
                        .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum()));
    }

    static String groupOf(byte[] value) {
        try {
            JsonNode n = JSON.readTree(value);
            return n.path("user_id").asText() + "|" + n.path("event_type").asText() + "|" + n.path("region").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** sum(amount) | count | max(timestamp) as text. */
    static String fold(byte[] value, String aggregate) {
        try {
            JsonNode n = JSON.readTree(value);
            String[] parts = aggregate.split("\\|");
            double sum = Double.parseDouble(parts[0]) + n.path("amount").asDouble(0);
            long count = Long.parseLong(parts[1]) + 1;
            long max = Math.max(Long.parseLong(parts[2]), n.path("timestamp").asLong());
            return sum + "|" + count + "|" + max;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
