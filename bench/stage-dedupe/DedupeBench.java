import io.platform.etl.bench.kit.ChildJvm;
import io.platform.etl.bench.kit.CommitWatch;
import io.platform.etl.bench.kit.JvmOptions;
import io.platform.etl.bench.kit.Preload;
import io.platform.etl.bench.kit.ProcStats;
import io.platform.etl.bench.kit.Prometheus;
import io.platform.etl.bench.kit.ReadmeFigures;
import io.platform.etl.bench.kit.stage.RuleStore;
import io.platform.etl.bench.kit.stage.StageServiceSettings;
import io.platform.etl.bench.kit.stage.StreamsBaseline;
import io.platform.etl.model.rules.dedupe.DedupeAlgorithm;
import io.platform.etl.model.rules.dedupe.DeduplicationConfig;
import io.platform.etl.model.rules.publish.RuleSnapshot;
import io.platform.etl.model.spec.PipelineSpecParser;
import io.platform.etl.model.spec.StageType;
import io.platform.etl.model.spec.StreamingPipeline;
import io.platform.etl.stageruntime.kafka.StageSettings;
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
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * stage-dedupe benchmark (see README.md in this folder; usage: run.sh). Embedded single-node KRaft broker and Redis
 * on loopback; every candidate runs as its own JVM on the same preloaded 4-partition topic (10 % copies of earlier
 * events, each copy in a random partition):
 * <ol>
 *   <li>passthrough: a plain transactional consume → produce loop (KafkaConsumer + transactional KafkaProducer,
 *       offsets in the transaction, commit every 100 ms)</li>
 *   <li>dsl-filter: a plain Kafka Streams DSL filter with the stage's StreamsProperties (exactly_once_v2)</li>
 *   <li>runtime-noop: the stage runtime with a stage that forwards every record ({@link NoopStage})</li>
 *   <li>exact, bloom: the real stage-dedupe service, rules published to Redis (key field event_id)</li>
 * </ol>
 * Then the restore time of an exact store holding a million keys after SIGKILL ({@link RestoreProbe}).
 * Throughput = input records / time between the group's first committed offset and all input committed, with the
 * repartition hop consumed too. State bytes
 * per key come from the stage's own gauges and from the size of its state directory. All producers keep the
 * client's default of five requests in flight, as the stage on the keyed loops does (ADR 0609).
 */
public class DedupeBench {

    /** The window of the bench's rules; event times are spaced to hold EXPECTED_KEYS_PER_WINDOW events in it. */
    static final Duration WINDOW = Duration.ofHours(1);
    static final long WINDOW_MILLIS = WINDOW.toMillis();
    static final int PARTITIONS = 4;
    static final String INPUT = "bench.in";
    static final Duration RUN_LIMIT = Duration.ofMinutes(4);
    static final String PIPELINE_SPEC = "config/pipeline.yaml";
    static final List<String> CHILD_FLAGS = List.of("-Xmx256m", "-XX:+UseSerialGC");

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "passthrough" -> { Passthrough.run(args[1], args[2]); return; }
            case "dsl-filter" -> { dslFilter(args[1], args[2], args[3]); return; }
            case "noop" -> { NoopStage.run(args[1], args[2], args[3]); return; }
            default -> { }
        }
        String cp = args[0];
        int records = Integer.parseInt(args[1]);
        long expected = Long.parseLong(args[2]);
        long restoreKeys = Long.parseLong(args[3]);
        StreamingPipeline seed = PipelineSpecParser.parse(Path.of(PIPELINE_SPEC));
        try (KafkaBroker kafka = KafkaBroker.embedded(null); RedisServer redis = RedisServer.embedded(0)) {
            String bootstrap = kafka.bootstrapServers();
            kafka.createTopics(PARTITIONS, INPUT, "bench.out", "bench.dlq");
            int unique = preload(bootstrap, records, expected);
            List<String> lines = new ArrayList<>();
            // BENCH_ROUNDS=n: passthrough, exact and bloom n times, interleaved, each ratio against the passthrough of
            // its own round (the shared machine's load changes from minute to minute); the medians are the figures.
            int rounds = Integer.parseInt(System.getenv().getOrDefault("BENCH_ROUNDS", "1"));
            Result dsl = measure("dsl-filter", child(cp, "dsl-filter", bootstrap, "bench-dsl",
                    Files.createTempDirectory("bench-dsl").toString()), bootstrap, "bench-dsl", null, records, null);
            Result noop = measure("runtime-noop", child(cp, "noop", bootstrap, "bench-noop",
                    Files.createTempDirectory("bench-noop").toString()), bootstrap, "bench-noop", null, records,
                    null);
            double[] exactRatios = new double[rounds];
            double[] bloomRatios = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                String suffix = round == 0 ? "" : "-r" + round;
                Result pass = measure("passthrough" + suffix, child(cp, "passthrough", bootstrap,
                        "bench-pass" + suffix), bootstrap, "bench-pass" + suffix, null, records, null);
                Result exact = stage(cp, bootstrap, redis.uri(), seed, DedupeAlgorithm.EXACT, expected, records,
                        suffix);
                Result bloom = stage(cp, bootstrap, redis.uri(), seed, DedupeAlgorithm.BLOOM_FILTER, expected,
                        records, suffix);
                exactRatios[round] = exact.rate() / pass.rate();
                bloomRatios[round] = bloom.rate() / pass.rate();
                for (Result r : round == 0 ? List.of(pass, dsl, noop, exact, bloom) : List.of(pass, exact, bloom)) {
                    lines.add(String.format("| %s | %,.0f rec/s | %.2f | %.2f | %.1f | %.1f | %.0f %% | %s | %s |",
                            r.name(), r.rate(), r.rate() / pass.rate(), r.rate() / noop.rate(), r.cpuMicros(),
                            r.brokerMicros(), 100 * r.busy(), r.load(), r.state()));
                }
            }
            if (rounds > 1) {
                lines.add(String.format("%n**Median of %d rounds**, each against its own passthrough: exact **%.2f**, "
                        + "bloom_filter **%.2f** (exact %s; bloom %s).", rounds,
                        io.platform.etl.bench.kit.Stats.median(exactRatios.clone()),
                        io.platform.etl.bench.kit.Stats.median(bloomRatios.clone()), ratios(exactRatios),
                        ratios(bloomRatios)));
            }
            String report = String.format("Run of %s: `%sbench/stage-dedupe/run.sh %d %d %d` — %,d records (%,d distinct "
                    + "event_ids, %.0f %% copies, event times spaced for %,d distinct per 1 h window), 4 partitions, 1 "
                    + "thread, exactly_once_v2, commit 100 ms, bloom sized for %,d keys per window at 0.1 %%; %d cores.%n%n| candidate | throughput | / passthrough | / no-op "
                    + "| CPU µs/record | broker CPU µs/record | cores busy | load average (1/5/15 min) at end | state |%n"
                    + "| --- | --- | --- | --- | --- | --- | --- | --- | --- |%n%s%n%n%s",
                    Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                    rounds > 1 ? "BENCH_ROUNDS=" + rounds + " " : "", records, expected, restoreKeys,
                    records, unique, 100.0 * (records - unique) / records, expected, expected,
                    Runtime.getRuntime().availableProcessors(), String.join("\n", lines), "");
            System.out.println(report);
            String restore = restoreKeys > 0
                    ? RestoreProbe.run(cp, bootstrap, redis.uri(), seed.name(), restoreKeys).markdown()
                            + "Load average (1/5/15 min) at the end of the restore runs: " + ProcStats.loadAverage() + ".\n"
                    : "";
            report += restore;
            System.out.println(restore);
            ReadmeFigures.write(Path.of("bench/stage-dedupe/README.md"), ReadmeFigures.START
                    + " (written by DedupeBench) -->\n" + report + ReadmeFigures.END);
        }
    }

    static String ratios(double[] values) {
        List<String> out = new ArrayList<>();
        for (double v : values) {
            out.add(String.format("%.2f", v));
        }
        return String.join(" / ", out);
    }

    /** @param suffix of the round: the stage's application id (own groups, hop and changelog) ends with it */
    static Result stage(String cp, String bootstrap, String redisUri, StreamingPipeline seed, DedupeAlgorithm algorithm,
                        long expected, int records, String suffix) throws Exception {
        String prefix = "bench-" + algorithm;
        if (suffix.isEmpty()) {
            publish(redisUri, prefix, seed.name(), new DeduplicationConfig(WINDOW, List.of("event_id"),
                    algorithm, null, 0.001, expected));
        }
        int port = FreePort.pick();
        String app = "bench-" + algorithm.jsonName() + suffix;
        Path gcLog = Path.of("stage-dedupe/target/bench-" + algorithm.jsonName() + suffix + "-gc.log")
                .toAbsolutePath();
        Files.deleteIfExists(gcLog);
        List<String> flags = new ArrayList<>(List.of("-Xlog:gc:file=" + gcLog));
        // e.g. BENCH_STAGE_FLAGS="-XX:StartFlightRecording=filename=stage-dedupe/target/exact.jfr" to profile
        String extra = System.getenv("BENCH_STAGE_FLAGS");
        if (extra != null && !extra.isBlank()) {
            flags.addAll(List.of(extra.trim().replace("{algorithm}", algorithm.jsonName()).split("\\s+")));
        }
        List<String> cmd = stageCommand(cp, bootstrap, redisUri, prefix, app, INPUT, port,
                flags.toArray(String[]::new));
        return measure(algorithm.jsonName() + suffix, cmd, bootstrap, app, app + "-dedupe", records, () -> {
            Thread.sleep(1500);
            String metrics = Prometheus.scrape(port);
            double keys = gauge(metrics, "dedupe_retained_keys", algorithm.jsonName());
            double bytes = gauge(metrics, "dedupe_state_bytes", algorithm.jsonName());
            double heap = gauge(metrics, "dedupe_state_memory_bytes", algorithm.jsonName());
            double purged = Prometheus.sample(metrics, "dedupe_purged_keys\\{[^}]*}", Double.NaN);
            double watermark = Prometheus.sample(metrics, "dedupe_watermark_seconds\\{[^}]*}", Double.NaN);
            return String.format("%,.0f keys, %.2f bytes/key logical, %.1f bytes/key of heap; %,.0f keys purged, "
                            + "watermark %s; %s", keys, bytes / keys, heap / keys, purged,
                    Double.isNaN(watermark) ? "unknown" : Instant.ofEpochSecond((long) watermark), GcLog.pauses(gcLog));
        });
    }

    /** The real stage-dedupe service as a child JVM; its input watermark comes from event time (no upstream stage). */
    static List<String> stageCommand(String cp, String bootstrap, String redisUri, String prefix, String app,
                                     String input, int port, String... extraFlags) throws Exception {
        Map<String, String> props = StageServiceSettings.of(bootstrap, PIPELINE_SPEC, app, input, "bench.out",
                "bench.dlq", 1, port);
        props.put("stage.event-time.source", "data");
        props.put("redis.uri", redisUri);
        props.put("rules.redis.prefix", prefix);
        // The stage runs with its own flags, as its image does (the heap holds its state, ADR 0609).
        List<String> flags = new ArrayList<>(JvmOptions.read(Path.of("stage-dedupe/jvm.options")));
        flags.addAll(List.of(extraFlags));
        return ChildJvm.java(flags, props, cp, "io.platform.etl.stage.dedupe.Application");
    }

    static double gauge(String metrics, String name, String algorithm) {
        return Prometheus.sample(metrics, name + "\\{algorithm=\"" + algorithm + "\"[^}]*}", Double.NaN);
    }

    static void publish(String uri, String prefix, String pipeline, DeduplicationConfig config) {
        try (RuleStore store = new RuleStore(uri, prefix)) {
            store.publish(RuleSnapshot.ofDeduplication(pipeline, 1, Instant.now(), config));
        }
    }

    static List<String> child(String cp, String... args) {
        List<String> cmd = ChildJvm.java(CHILD_FLAGS, cp);
        cmd.add("bench/stage-dedupe/DedupeBench.java");
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * ~150-byte events; every 10th record is a copy of one of the last 10,000 events. Event times are spaced so that
     * one window (1 h) holds {@code keysPerWindow} distinct events (3.6 ms apart for a million): a run longer than
     * that many records reaches the steady state where expired buckets and segments are purged as new ones fill.
     */
    static int preload(String bootstrap, int records, long keysPerWindow) {
        Random random = new Random(7);
        long t0 = 1_714_557_600_000L;
        int[] unique = {0};
        Preload.send(bootstrap, INPUT, records, i -> {
            int id = i % 10 == 9 && unique[0] > 0
                    ? Math.max(0, unique[0] - 1 - random.nextInt(Math.min(unique[0], 10_000))) : unique[0]++;
            String json = "{\"event_id\":\"e-" + id + "\",\"user_id\":\"u" + (id % 5000)
                    + "\",\"event_type\":\"click\",\"timestamp\":" + (t0 + id * WINDOW_MILLIS / keysPerWindow)
                    + ",\"amount\":" + (id % 300)
                    + ".5,\"page\":\"/p/" + (id % 1000) + "\"}";
            return new ProducerRecord<>(INPUT, random.nextInt(PARTITIONS), null, json.getBytes(StandardCharsets.UTF_8));
        });
        System.out.printf("%,d distinct%n", unique[0]);
        return unique[0];
    }

    /**
     * @param cpuMicros    the candidate process's CPU time (all its threads) per record, from its first commit on
     * @param brokerMicros this JVM's over the same time (the embedded broker, and this driver's polling) per record
     */
    record Result(String name, double rate, double cpuMicros, double brokerMicros, String load, String state) {

        /** How busy the machine's cores were with the candidate and the broker, 0-1. */
        double busy() {
            return (cpuMicros + brokerMicros) * rate / 1e6 / Runtime.getRuntime().availableProcessors();
        }
    }

    interface After {
        String run() throws Exception;
    }

    /** @param decidingGroup the keyed stage's deciding group (it must have read the whole hop too); null if none */
    static Result measure(String name, List<String> cmd, String bootstrap, String group, String decidingGroup,
                          int records, After after) throws Exception {
        Path log = Path.of("stage-dedupe/target/bench-" + name + ".log");
        Process process = ChildJvm.start(cmd, log);
        try {
            // Done when the input is committed and the hop (exact, bloom) is consumed too.
            double[] firstCpu = {0, 0};
            long self = ProcessHandle.current().pid();
            CommitWatch.Run run = CommitWatch.await(name, process, log, bootstrap, group, INPUT, records, RUN_LIMIT,
                    new CommitWatch.Hooks() {
                        @Override
                        public void onFirstCommit() throws Exception {
                            firstCpu[0] = ProcStats.cpuSeconds(process.pid());
                            firstCpu[1] = ProcStats.cpuSeconds(self);
                        }

                        @Override
                        public boolean drained(Admin admin) throws Exception {
                            return CommitWatch.internalTopicsDrained(admin, group, INPUT)
                                    && (decidingGroup == null || hopDrained(admin, decidingGroup));
                        }
                    });
            double cpuMicros = (ProcStats.cpuSeconds(process.pid()) - firstCpu[0]) * 1e6 / run.measured();
            double brokerMicros = (ProcStats.cpuSeconds(self) - firstCpu[1]) * 1e6 / run.measured();
            String load = ProcStats.loadAverage();
            System.out.printf("[%s] CPU %.1f µs/record, broker %.1f%n", name, cpuMicros, brokerMicros);
            return new Result(name, run.rate(), cpuMicros, brokerMicros, load, after == null ? "—" : after.run());
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    /**
     * Whether the deciding group committed the whole hop topic ({@code <group>-hop}) up to a few transaction markers;
     * a hop partition it committed nothing for counts as unread unless it is empty.
     */
    static boolean hopDrained(Admin admin, String decidingGroup) throws Exception {
        String hop = decidingGroup + "-hop";
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(decidingGroup)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            latest.put(new TopicPartition(hop, p), org.apache.kafka.clients.admin.OffsetSpec.latest());
        }
        var ends = admin.listOffsets(latest).all().get();
        return latest.keySet().stream().allMatch(tp -> {
            OffsetAndMetadata committed = offsets.get(tp);
            return ends.get(tp).offset() - (committed == null ? 0 : committed.offset()) <= 20;
        });
    }

    /** Kafka Streams settings for the baselines: 1 thread, commit 100 ms, linger 5 ms. */
    static StageSettings streamsSettings(String applicationId, String stateDir) {
        return new StageSettings("deduplicate", applicationId, applicationId, "", 1, Duration.ofMillis(100), stateDir,
                Duration.ofSeconds(30), 1048576, 3, Map.of("producer.linger.ms", "5"));
    }

    /** Child: a plain Kafka Streams DSL filter with the stage's Kafka Streams settings. */
    static void dslFilter(String bootstrap, String applicationId, String stateDir) throws Exception {
        StreamingPipeline seed = PipelineSpecParser.parse(Path.of(PIPELINE_SPEC));
        StageSection section = new StageSection(seed, seed.stage(StageType.DEDUPLICATE).orElseThrow(),
                new StageTopics(INPUT, "bench.out", "bench.dlq"));
        StageSettings settings = streamsSettings(applicationId, stateDir);
        StreamsBuilder builder = new StreamsBuilder();
        builder.<byte[], byte[]>stream(INPUT).filter((k, v) -> v != null && v.length > 2).to("bench.out");
        StreamsBaseline.runUntilStopped(builder.build(), StreamsBaseline.properties(section, settings, bootstrap),
                streams -> { });
    }
}
