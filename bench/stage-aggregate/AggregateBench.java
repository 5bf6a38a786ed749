import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.platform.etl.model.spec.PipelineSpecParser;
import io.platform.etl.model.spec.StageType;
import io.platform.etl.model.spec.StreamingPipeline;
import io.platform.etl.stageruntime.kafka.KafkaSettings;
import io.platform.etl.stageruntime.kafka.StageSettings;
import io.platform.etl.stageruntime.kafka.StreamsProperties;
import io.platform.etl.stageruntime.spec.StageSection;
import io.platform.etl.stageruntime.spec.StageTopics;
import io.platform.etl.testkit.KafkaBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import io.platform.etl.testkit.CommittedTopicReader;
import org.yaml.snakeyaml.Yaml;

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
                    int port = freePort();
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
        return Files.readString(Path.of("stage-aggregate/jvm.options")).lines()
                .map(l -> l.contains("#") ? l.substring(0, l.indexOf('#')) : l)
                .flatMap(l -> Arrays.stream(l.trim().split("\\s+"))).filter(s -> !s.isEmpty()).toList();
    }

    static List<String> java(List<String> jvm, String cp) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", cp));
        return cmd;
    }

    static List<String> childCommand(String cp, List<String> jvm, String mode, String bootstrap, String name,
                                     String output) {
        List<String> cmd = java(jvm, cp);
        cmd.addAll(List.of("bench/stage-aggregate/AggregateBench.java", "child", mode, bootstrap, name, output));
        return cmd;
    }

    static List<String> stageCommand(String cp, List<String> jvm, String bootstrap, String name, String output,
                                     int port) throws IOException {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("kafka.bootstrap.servers", bootstrap);
        props.put("kafka.security-protocol", "PLAINTEXT");
        props.put("pipeline.spec", "config/pipeline.yaml");
        props.put("rules.startup-wait", "0s");
        props.put("stage.application-id", name);
        props.put("stage.instance-id", name);
        props.put("stage.topics.input", INPUT);
        props.put("stage.topics.output", output);
        props.put("stage.topics.dead-letter", "bench.dlq");
        props.put("stage.threads", "1");
        props.put("stage.event-time.source", "data");
        props.put("stage.state-dir", Files.createTempDirectory("bench-aggregate").toString());
        props.put("micronaut.server.port", Integer.toString(port));
        List<String> cmd = java(jvm, cp);
        props.forEach((k, v) -> cmd.add(cmd.size() - 2, "-D" + k + "=" + v));
        cmd.add("io.platform.etl.stage.aggregate.Application");
        return cmd;
    }

    /** ~190-byte events; key = group; partition p runs p hours ahead in event time, in order within itself. */
    static void preload(String bootstrap, int records, int groups) {
        String[] types = {"click", "purchase"};
        String[] regions = {"EU", "US"};
        long step = SPAN / Math.max(1, records / PARTITIONS);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 262144,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new ByteArraySerializer(), new ByteArraySerializer())) {
            long start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                int partition = i % PARTITIONS;
                int group = (int) ((i * 2654435761L) % groups);
                long time = BASE + partition * SKEW + (i / PARTITIONS) * step;
                String json = "{\"event_id\":\"e-" + i + "\",\"user_id\":\"u" + group / 4 + "\",\"event_type\":\""
                        + types[group % 2] + "\",\"region\":\"" + regions[(group / 2) % 2] + "\",\"timestamp\":"
                        + time + ",\"amount\":" + (i % 300) + ".5,\"ip_address\":\"10.0." + (i % 250) + ".1\"}";
                p.send(new ProducerRecord<>(INPUT, partition, time, ("g" + group).getBytes(StandardCharsets.UTF_8),
                        json.getBytes(StandardCharsets.UTF_8)));
            }
            p.flush();
            System.out.printf("preloaded %,d records (%,d groups) into %s in %d ms%n", records, groups, INPUT,
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    record Result(String name, String mode, double rate, double seconds, long hwmKb, long counted, String lateMetric) {
    }

    /** Starts the JVM, waits until the group consumed everything (bounded), then counts what the output holds. */
    static Result measure(String name, String mode, List<String> cmd, String bootstrap, String output, int records,
                          int port) throws Exception {
        Path log = Path.of("stage-aggregate/target/bench-" + name + ".log");
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            long firstNanos = 0;
            long firstCount = 0;
            long count = 0;
            long lastPrint = System.nanoTime();
            long lastCount = 0;
            long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
            while (!(count >= records && caughtUp(admin, name)) && System.nanoTime() < deadline
                    && process.isAlive()) {
                Thread.sleep(100);
                count = committed(admin, name, INPUT);
                if (firstNanos == 0 && count > 0) {
                    firstNanos = System.nanoTime();
                    firstCount = count;
                }
                if (System.nanoTime() - lastPrint > 1_000_000_000L) {
                    System.out.printf("[%s] %,d / %,d committed (%,.0f rec/s)%n", name, count, records,
                            (count - lastCount) * 1e9 / (System.nanoTime() - lastPrint));
                    lastPrint = System.nanoTime();
                    lastCount = count;
                }
            }
            if (count < records) {
                throw new IllegalStateException(name + ": only " + count + " of " + records
                        + " committed (process alive: " + process.isAlive() + "); see " + log);
            }
            double seconds = (System.nanoTime() - firstNanos) / 1e9;
            double rate = (count - firstCount) / seconds;
            System.out.printf("[%s] done: %,.0f rec/s over %.1f s%n", name, rate, seconds);
            long hwm = hwmKb(process.pid());
            String late = mode.equals("stage") ? lateMetric(port) : "";
            long counted = mode.startsWith("passthrough") ? -1 : countAggregated(bootstrap, output, mode);
            System.out.printf("[%s] records counted in the output: %,d of %,d%n", name, counted, records);
            return new Result(name, mode, rate, seconds, hwm, counted, late);
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    static long committed(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                .filter(e -> e.getValue() != null).mapToLong(e -> e.getValue().offset()).sum();
    }

    /** Every internal topic the group reads (repartition) consumed up to a few transaction markers. */
    static boolean caughtUp(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> internal = new HashMap<>();
        offsets.keySet().stream().filter(tp -> !tp.topic().equals(INPUT))
                .forEach(tp -> internal.put(tp, OffsetSpec.latest()));
        if (internal.isEmpty()) {
            return true;
        }
        var ends = admin.listOffsets(internal).all().get();
        return internal.keySet().stream().allMatch(tp -> ends.get(tp).offset() - offsets.get(tp).offset() <= 20);
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
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
            return body.lines().filter(l -> l.startsWith("throughput_total") && l.contains("late"))
                    .reduce((a, b) -> a + "; " + b).orElse("no late records");
        } catch (Exception e) {
            return "metrics not read: " + e;
        }
    }

    static long hwmKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Child mode: one of the baselines with the stage's Kafka Streams settings. */
    static void child(String mode, String bootstrap, String applicationId, String output) throws Exception {
        StreamingPipeline seed = PipelineSpecParser.parse(Path.of("config/pipeline.yaml"));
        StageSection section = new StageSection(seed, seed.stage(StageType.AGGREGATE).orElseThrow(),
                new StageTopics(INPUT, output, "bench.dlq"));
        StageSettings settings = new StageSettings("aggregate", applicationId, applicationId, "", 1,
                Duration.ofMillis(100), Files.createTempDirectory("bench-child").toString(), Duration.ofSeconds(30),
                1048576, 3, stageStreamsDefaults());
        Properties props = StreamsProperties.build(section, settings, new KafkaSettings("PLAINTEXT", null, null, null,
                null, null), bootstrap, null);
        props.remove("processing.exception.handler");
        props.remove("production.exception.handler");
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
        KafkaStreams streams = new KafkaStreams(builder.build(), props);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            double dropped = streams.metrics().entrySet().stream()
                    .filter(e -> e.getKey().name().equals("dropped-records-total"))
                    .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
            System.out.printf("DROPPED %.0f%n", dropped);
            streams.close(Duration.ofSeconds(20));
            stop.countDown();
        }));
        streams.start();
        stop.await();
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

    /** stage.streams.* of stage-aggregate's application.yml with their defaults, so the baselines match. */
    @SuppressWarnings("unchecked")
    static Map<String, String> stageStreamsDefaults() throws IOException {
        Map<String, Object> yml = new Yaml().load(Files.readString(
                Path.of("stage-aggregate/src/main/resources/application.yml")));
        Map<String, Object> streams = (Map<String, Object>) ((Map<String, Object>) yml.get("stage")).get("streams");
        Pattern placeholder = Pattern.compile("\\$\\{[^:}]+:([^}]*)}");
        Map<String, String> out = new LinkedHashMap<>();
        streams.forEach((k, v) -> {
            Matcher m = placeholder.matcher(String.valueOf(v));
            out.put(k, m.matches() ? m.group(1) : String.valueOf(v));
        });
        return out;
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
            Path readme = Path.of("bench/stage-aggregate/README.md");
            String text = Files.exists(readme) ? Files.readString(readme) : "";
            int start = text.indexOf("<!-- figures:start");
            int end = text.indexOf("<!-- figures:end -->");
            text = start >= 0 && end > start
                    ? text.substring(0, start) + figures + text.substring(end + "<!-- figures:end -->".length())
                    : text + "\n" + figures + "\n";
            Files.writeString(readme, text);
            System.out.println(figures);
        }

        static double median(List<Result> results, String mode) {
            double[] sorted = results.stream().filter(r -> r.mode().equals(mode)).mapToDouble(Result::rate).sorted()
                    .toArray();
            int n = sorted.length;
            return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
    }
}
