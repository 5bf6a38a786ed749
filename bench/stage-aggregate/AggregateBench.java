import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.platform.etl.bench.kit.ChildJvm;
import io.platform.etl.bench.kit.CommitWatch;
import io.platform.etl.bench.kit.JvmOptions;
import io.platform.etl.bench.kit.Preload;
import io.platform.etl.bench.kit.ProcStats;
import io.platform.etl.bench.kit.Prometheus;
import io.platform.etl.bench.kit.ReadmeFigures;
import io.platform.etl.bench.kit.Stats;
import io.platform.etl.bench.kit.stage.StageServiceSettings;
import io.platform.etl.bench.kit.stage.StageYaml;
import io.platform.etl.bench.kit.stage.StreamsBaseline;
import io.platform.etl.model.spec.PipelineSpecParser;
import io.platform.etl.model.spec.StageType;
import io.platform.etl.model.spec.StreamingPipeline;
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
 *   <li>stage: the real stage-aggregate service, pipeline spec, output_mode update</li>
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
        try (KafkaBroker kafka = KafkaBroker.embedded(null)) {
            String bootstrap = kafka.bootstrapServers();
            createTopics(bootstrap, INPUT, "bench.dlq");
            preload(bootstrap, records, groups);
            List<Result> results = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                for (String mode : System.getenv().getOrDefault("BENCH_MODES", "passthrough,passthrough-hop,dsl,stage")
                        .split(",")) {
                    String name = mode + "-" + round;
                    String output = "bench.out." + name;
                    createTopics(bootstrap, output);
                    int port = FreePort.pick();
                    List<String> cmd = mode.equals("stage") ? stageCommand(cp, jvm, bootstrap, name, output, port)
                            : childCommand(cp, jvm, mode, bootstrap, name, output);
                    results.add(measure(name, mode, cmd, bootstrap, output, records, port));
                }
            }
            Report.write(records, groups, rounds, jvm, results);
        }
    }

    /** Topics that keep records of any age: the input's event times (and so the results') are in 2024. */
    static void createTopics(String bootstrap, String... names) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(Arrays.stream(names).map(n -> new NewTopic(n, PARTITIONS, (short) 1)
                    .configs(Map.of("retention.ms", "-1"))).toList()).all().get();
        }
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

    static List<String> stageCommand(String cp, List<String> jvm, String bootstrap, String name, String output,
                                     int port) throws IOException {
        Map<String, String> props = StageServiceSettings.of(bootstrap, "config/pipeline.yaml", name, INPUT, output,
                "bench.dlq", 1, port);
        props.put("rules.startup-wait", "0s");
        props.put("stage.event-time.source", "data");
        return ChildJvm.java(jvm, props, cp, "io.platform.etl.stage.aggregate.Application");
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

    record Result(String name, String mode, double rate, double seconds, long hwmKb, long counted, String lateMetric) {
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
                            return CommitWatch.internalTopicsDrained(admin, name, INPUT);
                        }
                    });
            long hwm = ProcStats.hwmKb(process.pid());
            String late = mode.equals("stage") ? lateMetric(port) : "";
            long counted = mode.startsWith("passthrough") ? -1 : countAggregated(bootstrap, output, mode);
            System.out.printf("[%s] records counted in the output: %,d of %,d%n", name, counted, records);
            return new Result(name, mode, run.rate(), run.seconds(), hwm, counted, late);
        } finally {
            process.destroy();
            process.waitFor();
        }
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

    /** Writes the figures into README.md (between the markers, so the hand-written notes stay). */
    static final class Report {

        static void write(int records, int groups, int rounds, List<String> jvm, List<Result> results)
                throws IOException {
            double passthrough = median(results, "passthrough");
            double hop = median(results, "passthrough-hop");
            double dsl = median(results, "dsl");
            double stage = median(results, "stage");
            StringBuilder runs = new StringBuilder();
            for (Result r : results) {
                runs.append("| %s | %,.0f rec/s | %.1f s | %d MB | %s | %s |%n".formatted(r.name(), r.rate(),
                        r.seconds(), r.hwmKb() / 1024, r.counted() < 0 ? "—" : "%,d (%,d dropped)".formatted(
                                r.counted(), records - r.counted()), r.lateMetric().isEmpty() ? "—" : r.lateMetric()));
            }
            String figures = """
                    <!-- figures:start (written by AggregateBench) -->
                    Run of %s: `bench/stage-aggregate/run.sh %d %d %d` — %,d records, %,d groups, %d partitions an hour
                    apart in event time, 1 stream thread, exactly_once_v2, lz4, acks=all, commit interval 100 ms. JVM
                    flags (stage-aggregate/jvm.options): `%s`, env `MALLOC_ARENA_MAX=2`.

                    | figure | value | target |
                    | --- | --- | --- |
                    | passthrough (input → output) | %,.0f rec/s | — |
                    | passthrough with a repartition hop | %,.0f rec/s | — |
                    | Kafka Streams DSL windowed aggregation | %,.0f rec/s (%.2f of passthrough, %.2f of the hop) | — |
                    | **stage-aggregate** | **%,.0f rec/s (%.2f of passthrough, %.2f of the hop)** | ≥ 0.5 / ≥ 0.35 |

                    | run (in order) | rate | first → last commit | VmHWM | records in the output | late metric |
                    | --- | --- | --- | --- | --- | --- |
                    %s<!-- figures:end -->""".formatted(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES),
                    records, groups, rounds, records, groups, PARTITIONS, String.join(" ", jvm), passthrough, hop, dsl,
                    dsl / passthrough, dsl / hop, stage, stage / passthrough, stage / hop, runs);
            ReadmeFigures.write(Path.of("bench/stage-aggregate/README.md"), figures);
        }

        static double median(List<Result> results, String mode) {
            return Stats.median(results.stream().filter(r -> r.mode().equals(mode)).mapToDouble(Result::rate).toArray());
        }
    }
}
