import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
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
import io.platform.etl.testkit.KafkaBroker;
import io.platform.etl.testkit.RedisServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.yaml.snakeyaml.Yaml;

/**
 * stage-filter benchmark (see README.md in this folder; usage: run.sh). Embedded single-node KRaft broker and Redis
 * on loopback in this JVM; every topology runs as its own JVM with the flags of stage-filter/jvm.options.
 * <ul>
 *   <li>Throughput, alternating ROUNDS times: no-op topology (input → output, no parsing, same StreamsProperties and
 *       stage.streams settings as the stage) and the real stage with the spec's static rules plus a dynamic rule set
 *       whose conditions all hold (every record evaluated against every condition, every record written, like the
 *       no-op). Then once the spec-rules variant (static rules only) on input of which half passes.</li>
 *   <li>Rule propagation: during the last pass-all run, CHANGES versions are published with PublishScript (as the
 *       rules-api relay does) on a plain command connection; applied = {@code applied_at} of the stage's
 *       applied-version report, which the stage writes right after the swap (same host clock).</li>
 *   <li>Peak RSS: VmHWM of each stage JVM at the end of its run.</li>
 * </ul>
 */
public class FilterBench {

    static final int PARTITIONS = 4;
    static final String PASS_ALL = "bench.in.pass";
    static final String MIXED = "bench.in.mixed";
    static final Duration RUN_LIMIT = Duration.ofMinutes(4);
    static final Duration APPLY_LIMIT = Duration.ofSeconds(10);

    public static void main(String[] args) throws Exception {
        if (args[0].equals("noop")) {
            noop(args[1], args[2], args[3]);
            return;
        }
        String cp = args[0];
        int records = Integer.parseInt(args[1]);
        int changes = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        List<String> jvm = jvmOptions();
        StreamingPipeline seed = PipelineSpecParser.parse(Path.of("config/pipeline.yaml"));
        try (KafkaBroker kafka = KafkaBroker.embedded(null);
             RedisServer redis = RedisServer.embedded(0)) {
            String bootstrap = kafka.bootstrapServers();
            kafka.createTopics(PARTITIONS, PASS_ALL, MIXED, "bench.out", "bench.dlq");
            preload(bootstrap, PASS_ALL, records, true);
            preload(bootstrap, MIXED, records, false);
            Publisher publisher = new Publisher(redis.uri(), new RuleKeys("bench-fair"), seed.name());
            publisher.publish(1, passAllRules(0));

            List<Result> noops = new ArrayList<>();
            List<Result> fair = new ArrayList<>();
            long[] propagation = new long[0];
            for (int round = 1; round <= rounds; round++) {
                noops.add(measure("noop-" + round, noopCommand(cp, jvm, bootstrap, round), bootstrap,
                        "bench-noop-" + round, PASS_ALL, records, null));
                boolean last = round == rounds;
                PropagationRun prop = last ? new PropagationRun(publisher, changes, "bench-filter-" + round) : null;
                fair.add(measure("filter-" + round, filterCommand(cp, jvm, bootstrap, redis.uri(), "bench-fair",
                        "bench-filter-" + round, PASS_ALL), bootstrap, "bench-filter-" + round, PASS_ALL, records,
                        prop));
                if (last) {
                    propagation = prop.micros();
                }
            }
            Result seedRules = measure("filter-seed", filterCommand(cp, jvm, bootstrap, redis.uri(), "bench-seed",
                    "bench-filter-seed", MIXED), bootstrap, "bench-filter-seed", MIXED, records, null);
            Report.write(records, changes, rounds, jvm, noops, fair, seedRules, propagation);
        }
    }

    /** The flags a launcher would use: stage-filter/jvm.options (one or more per line, # comments). */
    static List<String> jvmOptions() throws Exception {
        return Files.readString(Path.of("stage-filter/jvm.options")).lines()
                .map(l -> l.contains("#") ? l.substring(0, l.indexOf('#')) : l)
                .flatMap(l -> Arrays.stream(l.trim().split("\\s+"))).filter(s -> !s.isEmpty()).toList();
    }

    /** Every condition holds for the generated pass-all records; {@code shift} makes each version distinct. */
    static List<FilterCondition> passAllRules(int shift) {
        return List.of(
                FilterCondition.of("amount", Operator.GTE, -shift).withId("amount"),
                FilterCondition.of("ip_address", Operator.REGEX, "^10\\.").withId("internal"),
                FilterCondition.of("page", Operator.NOT_NULL).withId("page"),
                FilterCondition.of("event_type", Operator.NOT_EQUALS, "signup").withId("no-signup"),
                FilterCondition.ofList("event_type", Operator.NOT_IN, List.of("bot", "crawler")).withId("no-bots"),
                FilterCondition.of("page", Operator.CONTAINS, "/p/").withId("product-page"));
    }

    static List<String> java(List<String> jvm, String cp) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", cp));
        return cmd;
    }

    static List<String> noopCommand(String cp, List<String> jvm, String bootstrap, int round) throws Exception {
        List<String> cmd = java(jvm, cp);
        cmd.addAll(List.of("bench/stage-filter/FilterBench.java", "noop", bootstrap, "bench-noop-" + round,
                Files.createTempDirectory("bench-noop").toString()));
        return cmd;
    }

    static List<String> filterCommand(String cp, List<String> jvm, String bootstrap, String redisUri, String prefix,
                                      String applicationId, String input) throws Exception {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("kafka.bootstrap.servers", bootstrap);
        props.put("kafka.security-protocol", "PLAINTEXT");
        props.put("redis.uri", redisUri);
        props.put("rules.redis.prefix", prefix);
        props.put("pipeline.spec", "config/pipeline.yaml");
        props.put("stage.application-id", applicationId);
        props.put("stage.topics.input", input);
        props.put("stage.topics.output", "bench.out");
        props.put("stage.topics.dead-letter", "bench.dlq");
        props.put("stage.threads", "1");
        props.put("stage.state-dir", Files.createTempDirectory("bench-filter").toString());
        props.put("stage.instance-id", applicationId);
        props.put("micronaut.server.port", "-1");
        List<String> cmd = java(jvm, cp);
        props.forEach((k, v) -> cmd.add(cmd.size() - 2, "-D" + k + "=" + v));
        cmd.add("io.platform.etl.stage.filter.Application");
        return cmd;
    }

    /** ~170-byte events; pass-all: every record passes the static conditions, mixed: every other one does. */
    static void preload(String bootstrap, String topic, int records, boolean passAll) {
        String[] types = passAll ? new String[] {"click", "purchase"} : new String[] {"click", "view", "purchase",
                "scroll"};
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 262144,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new ByteArraySerializer(), new ByteArraySerializer())) {
            long start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                String json = "{\"event_id\":\"e-" + i + "\",\"user_id\":\"u" + (i % 5000) + "\",\"event_type\":\""
                        + types[i % types.length] + "\",\"timestamp\":\"2024-05-01T10:00:00Z\",\"amount\":"
                        + (i % 300) + ".5,\"ip_address\":\"10.0." + (i % 250) + ".1\",\"page\":\"/p/" + (i % 1000)
                        + "\"}";
                p.send(new ProducerRecord<>(topic, ("u" + (i % 5000)).getBytes(StandardCharsets.UTF_8),
                        json.getBytes(StandardCharsets.UTF_8)));
            }
            p.flush();
            System.out.printf("preloaded %,d records into %s in %d ms%n", records, topic,
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    record Result(String name, double rate, double seconds, long hwmKb) {
    }

    /** Starts the JVM, waits until the group committed every input record (bounded), prints a live rate. */
    static Result measure(String name, List<String> cmd, String bootstrap, String group, String topic, int records,
                          PropagationRun duringLoad) throws Exception {
        Path log = Path.of("stage-filter/target/bench-" + name + ".log");
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            long firstNanos = 0;
            long firstCount = 0;
            long count = 0;
            long lastPrint = System.nanoTime();
            long lastCount = 0;
            long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
            while (count < records && System.nanoTime() < deadline && process.isAlive()) {
                Thread.sleep(100);
                count = committed(admin, group, topic);
                if (firstNanos == 0 && count > 0) {
                    firstNanos = System.nanoTime();
                    firstCount = count;
                    if (duringLoad != null) {
                        duringLoad.start();
                    }
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
            if (duringLoad != null) {
                duringLoad.join();
            }
            return new Result(name, rate, seconds, hwmKb(process.pid()));
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

    static long hwmKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /**
     * Publishes filter snapshots the way rules-api's relay does. EVAL and GET run on a plain command connection:
     * a Lettuce connection in subscriber mode only accepts (P)SUBSCRIBE/(P)UNSUBSCRIBE/PING/QUIT, so the stage's
     * notice subscription and this publisher never share one.
     */
    static final class Publisher implements AutoCloseable {
        private final RedisClient client;
        private final StatefulRedisConnection<String, String> connection;
        private final RuleKeys keys;
        private final String pipeline;

        Publisher(String uri, RuleKeys keys, String pipeline) {
            RedisURI redisUri = RedisURI.create(uri);
            redisUri.setTimeout(Duration.ofSeconds(5));
            this.client = RedisClient.create(redisUri);
            this.connection = client.connect();
            this.keys = keys;
            this.pipeline = pipeline;
        }

        Instant publish(long version, List<FilterCondition> conditions) {
            Instant published = Instant.now();
            RuleSnapshot s = RuleSnapshot.ofFilter(pipeline, version, published, new FilterRuleSet(conditions));
            Long stored = connection.sync().eval(PublishScript.LUA, ScriptOutputType.INTEGER,
                    new String[] {keys.snapshotKey(pipeline, RuleKind.FILTER), keys.changesChannel()},
                    RuleJson.write(s), Long.toString(version), RuleJson.write(s.notice()));
            if (stored == null || stored != 1L) {
                throw new IllegalStateException("Redis already had filter rules v" + version + " or newer");
            }
            return published;
        }

        /** applied_at of the instance's applied-version report once it reports {@code version}; null on timeout. */
        Instant appliedAt(String instance, long version, Duration limit) throws InterruptedException {
            String key = keys.appliedKey(pipeline, RuleKind.FILTER, instance);
            long deadline = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < deadline) {
                String report = connection.sync().get(key);
                if (report != null && RuleJson.readReport(report).version() >= version) {
                    return RuleJson.readReport(report).appliedAt();
                }
                Thread.sleep(1);
            }
            return null;
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown();
        }
    }

    /** Publishes CHANGES pass-all versions (2, 3, ...) one after another while the stage is under load. */
    static final class PropagationRun {
        private final Publisher publisher;
        private final long[] micros;
        private final String instance;
        private final Thread thread;
        private volatile Exception failure;
        private volatile int done;

        PropagationRun(Publisher publisher, int changes, String instance) {
            this.publisher = publisher;
            this.instance = instance;
            this.micros = new long[changes];
            this.thread = new Thread(this::run, "propagation");
        }

        void start() {
            thread.start();
        }

        void join() throws InterruptedException {
            thread.join(APPLY_LIMIT.multipliedBy(micros.length + 1).toMillis());
        }

        private void run() {
            try {
                for (int i = 0; i < micros.length; i++) {
                    long version = i + 2;
                    Instant published = publisher.publish(version, passAllRules(i + 1));
                    Instant applied = publisher.appliedAt(instance, version, APPLY_LIMIT);
                    if (applied == null) {
                        throw new IllegalStateException("v" + version + " not applied within " + APPLY_LIMIT);
                    }
                    micros[i] = Duration.between(published, applied).toNanos() / 1000;
                    done = i + 1;
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                failure = e;
            }
        }

        long[] micros() {
            if (failure != null) {
                System.out.println("propagation failed after " + done + " changes: " + failure);
            }
            long[] measured = Arrays.copyOf(micros, done);
            Arrays.sort(measured);
            return measured;
        }
    }

    /** Child mode: input → output with the stage's Kafka Streams settings and nothing else. */
    static void noop(String bootstrap, String applicationId, String stateDir) throws Exception {
        StreamingPipeline seed = PipelineSpecParser.parse(Path.of("config/pipeline.yaml"));
        StageSection section = new StageSection(seed, seed.stage(StageType.FILTER).orElseThrow(),
                new StageTopics(PASS_ALL, "bench.out", "bench.dlq"));
        StageSettings settings = new StageSettings("filter", applicationId, applicationId, "", 1,
                Duration.ofMillis(100), stateDir, Duration.ofSeconds(30), 1048576, 3, stageStreamsDefaults());
        Properties props = StreamsProperties.build(section, settings, new KafkaSettings("PLAINTEXT", null, null, null,
                null, null), bootstrap, null);
        props.remove("processing.exception.handler");
        props.remove("production.exception.handler");
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(PASS_ALL).to("bench.out");
        KafkaStreams streams = new KafkaStreams(builder.build(), props);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close(Duration.ofSeconds(20));
            stop.countDown();
        }));
        streams.start();
        stop.await();
    }

    /** stage.streams.* of stage-filter's application.yml with their defaults, so the no-op gets the same settings. */
    @SuppressWarnings("unchecked")
    static Map<String, String> stageStreamsDefaults() throws Exception {
        Map<String, Object> yml = new Yaml().load(Files.readString(
                Path.of("stage-filter/src/main/resources/application.yml")));
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

        static void write(int records, int changes, int rounds, List<String> jvm, List<Result> noops,
                          List<Result> fair, Result seedRules, long[] prop) throws Exception {
            double noop = median(noops.stream().mapToDouble(Result::rate).toArray());
            double filter = median(fair.stream().mapToDouble(Result::rate).toArray());
            long hwm = fair.stream().mapToLong(Result::hwmKb).max().orElse(0);
            hwm = Math.max(hwm, seedRules.hwmKb());
            StringBuilder runs = new StringBuilder();
            List<Result> all = new ArrayList<>();
            for (int i = 0; i < noops.size(); i++) {
                all.add(noops.get(i));
                all.add(fair.get(i));
            }
            all.add(seedRules);
            for (Result r : all) {
                runs.append("| %s | %,.0f rec/s | %.1f s | %d MB |%n".formatted(r.name(), r.rate(), r.seconds(),
                        r.hwmKb() / 1024));
            }
            String figures = """
                    <!-- figures:start (written by FilterBench) -->
                    Run of %s: `bench/stage-filter/run.sh %d %d %d` — %,d records per run, %d partitions, 1 stream
                    thread, exactly_once_v2, lz4, acks=all, commit interval 100 ms. JVM flags (stage-filter/jvm.options):
                    `%s`, env `MALLOC_ARENA_MAX=2`.

                    | figure | value | target |
                    | --- | --- | --- |
                    | no-op topology, median of %d | %,.0f rec/s | — |
                    | stage-filter, static + all-holding dynamic rules (every record written), median of %d | %,.0f rec/s | — |
                    | **ratio filter / no-op** | **%.2f** | ≥ 0.8 |
                    | stage-filter, spec's static rules only, half the records pass | %,.0f rec/s (%.2f of no-op) | — |
                    | rule propagation publish → applied, p50 (%d changes, under load) | %.1f ms | — |
                    | rule propagation publish → applied, p99 | %.1f ms | — |
                    | stage-filter peak RSS (max VmHWM of its runs) | %d MB | < 256 MB |

                    | run (in order) | rate | first → last commit | VmHWM |
                    | --- | --- | --- | --- |
                    %s<!-- figures:end -->""".formatted(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES),
                    records, changes, rounds, records, PARTITIONS, String.join(" ", jvm), rounds, noop, rounds, filter,
                    filter / noop, seedRules.rate(), seedRules.rate() / noop, prop.length, percentile(prop, 0.5),
                    percentile(prop, 0.99), hwm / 1024, runs);
            Path readme = Path.of("bench/stage-filter/README.md");
            String text = Files.exists(readme) ? Files.readString(readme) : "";
            int start = text.indexOf("<!-- figures:start");
            int end = text.indexOf("<!-- figures:end -->");
            text = start >= 0 && end > start
                    ? text.substring(0, start) + figures + text.substring(end + "<!-- figures:end -->".length())
                    : text + "\n" + figures + "\n";
            Files.writeString(readme, text);
            System.out.println(figures);
        }

        static double median(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }

        /** Nearest-rank percentile of sorted microseconds, in milliseconds. */
        static double percentile(long[] sortedMicros, double p) {
            if (sortedMicros.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p * sortedMicros.length);
            return sortedMicros[Math.max(0, Math.min(sortedMicros.length - 1, rank - 1))] / 1000.0;
        }
    }
}
