import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.platform.etl.model.rules.filter.FilterCondition;
import io.platform.etl.model.rules.filter.FilterRuleSet;
import io.platform.etl.model.rules.filter.Operator;
import io.platform.etl.model.rules.publish.PublishScript;
import io.platform.etl.model.rules.publish.RuleJson;
import io.platform.etl.model.rules.publish.RuleKeys;
import io.platform.etl.model.rules.publish.RuleKind;
import io.platform.etl.model.rules.publish.RuleSnapshot;
import io.platform.etl.model.spec.PipelineSpecParser;
import io.platform.etl.model.spec.StageType;
import io.platform.etl.model.spec.StreamingPipeline;
import io.platform.etl.stageruntime.kafka.KafkaSettings;
import io.platform.etl.stageruntime.kafka.StageSettings;
import io.platform.etl.stageruntime.kafka.StreamsProperties;
import io.platform.etl.stageruntime.spec.StageSection;
import io.platform.etl.stageruntime.spec.StageTopics;
import io.platform.etl.testkit.FreePort;
import io.platform.etl.testkit.KafkaBroker;
import io.platform.etl.testkit.RedisServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * stage-filter benchmark. Starts an embedded Kafka broker and Redis, preloads RECORDS events (half pass the seed's
 * static conditions), then runs, each as a separate JVM with the flags of stage-filter/jvm.options:
 * (1) a no-op Kafka Streams topology (input → output, no parsing) with the same StreamsProperties (exactly_once_v2,
 * lz4, acks=all, same commit interval and thread count), (2) the real stage-filter service on the same input.
 * Throughput = input records / time, from the group's committed input offsets. Then it publishes RULE_CHANGES filter
 * rule versions to Redis with PublishScript and measures publish → applied (the stage's applied-version report),
 * and reads the filter JVM's VmHWM. Writes bench/stage-filter/README.md. Usage: see run.sh.
 */
public class FilterBench {

    static final int PARTITIONS = 4;

    public static void main(String[] args) throws Exception {
        if (args[0].equals("noop")) {
            noop(args);
            return;
        }
        String cp = args[0];
        int records = Integer.parseInt(args[1]);
        int changes = Integer.parseInt(args[2]);
        List<String> jvm = Files.readAllLines(Path.of("stage-filter/jvm.options")).stream()
                .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        try (KafkaBroker kafka = KafkaBroker.embedded(null); RedisServer redis = RedisServer.embedded(FreePort.pick())) {
            String bootstrap = kafka.bootstrapServers();
            kafka.createTopics(PARTITIONS, "user.events.raw.bench", "events.filtered.bench", "events.dlq.bench",
                    "noop.out.bench");
            preload(bootstrap, records);

            String stateBase = Files.createTempDirectory("filter-bench").toString();
            List<String> noopCmd = new ArrayList<>(java(jvm, cp));
            noopCmd.addAll(List.of("bench/stage-filter/FilterBench.java", "noop", bootstrap, stateBase + "/noop"));
            Result noop = measure("no-op", noopCmd, bootstrap, "etl-streaming-v1-noop.bench", records, null);

            List<String> filterCmd = new ArrayList<>(java(jvm, cp));
            Map<String, String> props = Map.ofEntries(Map.entry("kafka.bootstrap.servers", bootstrap),
                    Map.entry("kafka.security-protocol", "PLAINTEXT"), Map.entry("redis.uri", redis.uri()),
                    Map.entry("pipeline.spec", "config/pipeline.yaml"), Map.entry("stage.topic-suffix", ".bench"),
                    Map.entry("stage.threads", "2"), Map.entry("stage.state-dir", stateBase + "/filter"),
                    Map.entry("stage.instance-id", "bench"), Map.entry("micronaut.server.port", "-1"));
            props.forEach((k, v) -> filterCmd.add(1, "-D" + k + "=" + v));
            filterCmd.add("io.platform.etl.stage.filter.Application");
            long[] propagation = new long[changes];
            Result filter = measure("filter", filterCmd, bootstrap, "etl-streaming-v1-filter.bench", records,
                    () -> rulePropagation(redis.uri(), propagation));
            java.util.Arrays.sort(propagation);
            report(records, noop, filter, propagation, jvm);
        }
    }

    record Result(double rate, long seconds, long hwmKb) {
    }

    static List<String> java(List<String> jvm, String cp) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", cp));
        return cmd;
    }

    static void preload(String bootstrap, int records) {
        String[] types = {"click", "view", "purchase", "scroll"};
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 262144,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new ByteArraySerializer(), new ByteArraySerializer())) {
            long start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                String json = "{\"event_id\":\"e-" + i + "\",\"user_id\":\"u" + (i % 5000) + "\",\"event_type\":\""
                        + types[i % 4] + "\",\"timestamp\":\"2024-05-01T10:00:00Z\",\"amount\":" + (i % 300)
                        + ".5,\"ip_address\":\"10.0." + (i % 250) + ".1\",\"page\":\"/p/" + (i % 1000) + "\"}";
                p.send(new ProducerRecord<>("user.events.raw.bench", ("u" + (i % 5000)).getBytes(StandardCharsets.UTF_8),
                        json.getBytes(StandardCharsets.UTF_8)));
            }
            p.flush();
            System.out.printf("preloaded %d records in %d ms%n", records, (System.nanoTime() - start) / 1_000_000);
        }
    }

    static Result measure(String name, List<String> cmd, String bootstrap, String group, int records,
                          Runnable whileRunning) throws Exception {
        Path log = Path.of("stage-filter/target/bench-" + name + ".log");
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            long firstNanos = 0;
            long firstCount = 0;
            long count = 0;
            long lastPrint = System.nanoTime();
            long lastCount = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (count < records && System.nanoTime() < deadline) {
                Thread.sleep(100);
                count = committed(admin, group);
                if (firstNanos == 0 && count > 0) {
                    firstNanos = System.nanoTime();
                    firstCount = count;
                }
                if (System.nanoTime() - lastPrint > 1_000_000_000L) {
                    System.out.printf("[%s] %,d / %,d  (%,.0f rec/s)%n", name, count, records,
                            (count - lastCount) * 1e9 / (System.nanoTime() - lastPrint));
                    lastPrint = System.nanoTime();
                    lastCount = count;
                }
            }
            double seconds = (System.nanoTime() - firstNanos) / 1e9;
            double rate = (count - firstCount) / seconds;
            System.out.printf("[%s] done: %,.0f rec/s%n", name, rate);
            if (whileRunning != null) {
                whileRunning.run();
            }
            long hwm = hwmKb(process.pid());
            return new Result(rate, Math.round(seconds), hwm);
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    static long committed(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals("user.events.raw.bench"))
                .filter(e -> e.getValue() != null).mapToLong(e -> e.getValue().offset()).sum();
    }

    static long hwmKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    static void rulePropagation(String uri, long[] out) {
        StreamingPipeline seed = PipelineSpecParser.seed();
        RuleKeys keys = RuleKeys.DEFAULT;
        String snapshotKey = keys.snapshotKey(seed.name(), RuleKind.FILTER);
        String applied = keys.appliedKey(seed.name(), RuleKind.FILTER, "bench");
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            for (int i = 0; i < out.length; i++) {
                long version = i + 1;
                Instant published = Instant.now();
                RuleSnapshot s = RuleSnapshot.ofFilter(seed.name(), version, published, new FilterRuleSet(List.of(
                        FilterCondition.of("amount", Operator.GTE, i % 10))));
                c.sync().eval(PublishScript.LUA, ScriptOutputType.INTEGER, new String[] {snapshotKey,
                        keys.changesChannel()}, RuleJson.write(s), Long.toString(version), RuleJson.write(s.notice()));
                while (true) {
                    String report = c.sync().get(applied);
                    if (report != null && RuleJson.readReport(report).version() == version) {
                        out[i] = Duration.between(published, RuleJson.readReport(report).appliedAt()).toNanos() / 1000;
                        break;
                    }
                    Thread.sleep(2);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            client.shutdown();
        }
    }

    static void report(int records, Result noop, Result filter, long[] prop, List<String> jvm) throws Exception {
        double ratio = filter.rate() / noop.rate();
        long p50 = prop.length == 0 ? 0 : prop[prop.length / 2];
        long p99 = prop.length == 0 ? 0 : prop[Math.min(prop.length - 1, (int) Math.ceil(prop.length * 0.99) - 1)];
        String text = """
                # stage-filter benchmark

                Command (from the repository root): `bench/stage-filter/run.sh %d %d`

                Machine: 2 shared cores, embedded single-node KRaft broker and Redis in the bench JVM; stage JVMs
                with the flags of `stage-filter/jvm.options` (`%s`). %d input records of ~170 bytes on %d partitions,
                2 stream threads, exactly_once_v2, lz4, acks=all, commit interval 100 ms; half the records pass.

                | figure | value | target |
                | --- | --- | --- |
                | no-op topology (same StreamsProperties, no parsing) | %,.0f rec/s | — |
                | stage-filter (decode + DLQ routing + static+dynamic rules) | %,.0f rec/s | — |
                | ratio filter / no-op | %.2f | ≥ 0.8 |
                | rule propagation publish → applied, p50 | %.1f ms | — |
                | rule propagation publish → applied, p99 (%d changes) | %.1f ms | — |
                | stage-filter peak RSS (VmHWM) under that load | %d MB | < 256 MB |
                | no-op JVM peak RSS (source-launched, for reference) | %d MB | — |

                Throughput is measured from the consumer group's committed input offsets (first commit → all
                committed). Propagation is `applied_at` of the stage's applied-version report minus the publish
                instant (same host clock), with PublishScript as rules-api's relay uses it.
                """.formatted(records, prop.length, String.join(" ", jvm), records, PARTITIONS, noop.rate(),
                filter.rate(), ratio, p50 / 1000.0, prop.length, p99 / 1000.0, filter.hwmKb() / 1024,
                noop.hwmKb() / 1024);
        Files.writeString(Path.of("bench/stage-filter/README.md"), text);
        System.out.println(text);
    }

    /** Child mode: input → output with the stage's Kafka Streams settings and nothing else. */
    static void noop(String[] args) throws Exception {
        StreamingPipeline seed = PipelineSpecParser.seed();
        StageSection section = new StageSection(seed, seed.stage(StageType.FILTER).orElseThrow(),
                new StageTopics("user.events.raw.bench", "noop.out.bench", "events.dlq.bench"));
        StageSettings settings = new StageSettings("filter", "noop", "etl-streaming-v1-noop", ".bench", 2,
                Duration.ofMillis(100), args[2], Duration.ofSeconds(30), 1048576, 3, Map.of(
                "producer.buffer.memory", "8388608", "consumer.fetch.max.bytes", "8388608",
                "consumer.max.partition.fetch.bytes", "1048576", "producer.linger.ms", "5"));
        Properties props = StreamsProperties.build(section, settings, new KafkaSettings("PLAINTEXT", null, null, null,
                null, null), args[1], null);
        props.remove("processing.exception.handler");
        props.remove("production.exception.handler");
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("user.events.raw.bench").to("noop.out.bench");
        KafkaStreams streams = new KafkaStreams(builder.build(), props);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close(Duration.ofSeconds(20));
            stop.countDown();
        }));
        streams.start();
        stop.await();
    }
}
