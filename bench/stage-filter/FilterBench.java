import io.platform.etl.bench.kit.ChildJvm;
import io.platform.etl.bench.kit.CommitWatch;
import io.platform.etl.bench.kit.JvmOptions;
import io.platform.etl.bench.kit.Preload;
import io.platform.etl.bench.kit.ProcStats;
import io.platform.etl.bench.kit.ReadmeFigures;
import io.platform.etl.bench.kit.Stats;
import io.platform.etl.bench.kit.stage.LoopNoop;
import io.platform.etl.bench.kit.stage.RuleStore;
import io.platform.etl.bench.kit.stage.StageServiceSettings;
import io.platform.etl.bench.kit.stage.StageYaml;
import io.platform.etl.model.rules.filter.FilterCondition;
import io.platform.etl.model.rules.filter.FilterRuleSet;
import io.platform.etl.model.rules.filter.Operator;
import io.platform.etl.model.rules.publish.RuleKind;
import io.platform.etl.model.rules.publish.RuleSnapshot;
import io.platform.etl.model.spec.PipelineSpecParser;
import io.platform.etl.model.spec.StageType;
import io.platform.etl.model.spec.StreamingPipeline;
import io.platform.etl.stageruntime.kafka.StageSettings;
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
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * stage-filter benchmark (see README.md in this folder; usage: run.sh). Embedded single-node KRaft broker and Redis
 * on loopback in this JVM; every topology runs as its own JVM with the flags of stage-filter/jvm.options.
 * <ul>
 *   <li>Throughput, alternating ROUNDS times: the runtime's no-op (the transactional loop forwarding every record,
 *       same stage.streams client settings as the stage) and the real stage with the spec's static rules plus a dynamic rule set
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
            RuleStore publisher = new RuleStore(redis.uri(), "bench-fair");
            publisher.publish(passAll(seed.name(), 1, 0));

            List<Result> noops = new ArrayList<>();
            List<Result> fair = new ArrayList<>();
            long[] propagation = new long[0];
            for (int round = 1; round <= rounds; round++) {
                noops.add(measure("noop-" + round, noopCommand(cp, jvm, bootstrap, round), bootstrap,
                        "bench-noop-" + round, PASS_ALL, records, null));
                boolean last = round == rounds;
                PropagationRun prop = last ? new PropagationRun(publisher, seed.name(), changes, "bench-filter-" + round) : null;
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

    /** The flags a launcher would use: stage-filter/jvm.options. */
    static List<String> jvmOptions() throws Exception {
        return JvmOptions.read(Path.of("stage-filter/jvm.options"));
    }

    /** Version {@code version} of the pass-all rule set. */
    static RuleSnapshot passAll(String pipeline, long version, int shift) {
        return RuleSnapshot.ofFilter(pipeline, version, Instant.now(), new FilterRuleSet(passAllRules(shift)));
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

    static List<String> noopCommand(String cp, List<String> jvm, String bootstrap, int round) throws Exception {
        List<String> cmd = ChildJvm.java(jvm, cp);
        cmd.addAll(List.of("bench/stage-filter/FilterBench.java", "noop", bootstrap, "bench-noop-" + round,
                Files.createTempDirectory("bench-noop").toString()));
        return cmd;
    }

    static List<String> filterCommand(String cp, List<String> jvm, String bootstrap, String redisUri, String prefix,
                                      String applicationId, String input) throws Exception {
        Map<String, String> props = StageServiceSettings.of(bootstrap, "config/pipeline.yaml", applicationId, input,
                "bench.out", "bench.dlq", 1, -1);
        props.put("redis.uri", redisUri);
        props.put("rules.redis.prefix", prefix);
        return ChildJvm.java(jvm, props, cp, "io.platform.etl.stage.filter.Application");
    }

    /** ~170-byte events; pass-all: every record passes the static conditions, mixed: every other one does. */
    static void preload(String bootstrap, String topic, int records, boolean passAll) {
        String[] types = passAll ? new String[] {"click", "purchase"} : new String[] {"click", "view", "purchase",
                "scroll"};
        Preload.send(bootstrap, topic, records, i -> new ProducerRecord<>(topic,
                ("u" + (i % 5000)).getBytes(StandardCharsets.UTF_8), ("{\"event_id\":\"e-" + i + "\",\"user_id\":\"u"
                + (i % 5000) + "\",\"event_type\":\"" + types[i % types.length]
                + "\",\"timestamp\":\"2024-05-01T10:00:00Z\",\"amount\":" + (i % 300) + ".5,\"ip_address\":\"10.0."
                + (i % 250) + ".1\",\"page\":\"/p/" + (i % 1000) + "\"}").getBytes(StandardCharsets.UTF_8)));
    }

    record Result(String name, double rate, double seconds, long hwmKb) {
    }

    /** Starts the JVM, waits until the group committed every input record (bounded), prints a live rate. */
    static Result measure(String name, List<String> cmd, String bootstrap, String group, String topic, int records,
                          PropagationRun duringLoad) throws Exception {
        Path log = Path.of("stage-filter/target/bench-" + name + ".log");
        Process process = ChildJvm.start(cmd, log);
        try {
            CommitWatch.Run run = CommitWatch.await(name, process, log, bootstrap, group, topic, records, RUN_LIMIT,
                    duringLoad == null ? CommitWatch.Hooks.NONE : new CommitWatch.Hooks() {
                        @Override
                        public void onFirstCommit() {
                            duringLoad.start();
                        }
                    });
            if (duringLoad != null) {
                duringLoad.join();
            }
            return new Result(name, run.rate(), run.seconds(), ProcStats.hwmKb(process.pid()));
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    /** Publishes CHANGES pass-all versions (2, 3, ...) one after another while the stage is under load. */
    static final class PropagationRun {
        private final RuleStore publisher;
        private final String pipeline;
        private final long[] micros;
        private final String instance;
        private final Thread thread;
        private volatile Exception failure;
        private volatile int done;

        PropagationRun(RuleStore publisher, String pipeline, int changes, String instance) {
            this.publisher = publisher;
            this.pipeline = pipeline;
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
                    Instant published = publisher.publish(passAll(pipeline, version, i + 1));
                    Instant applied = publisher.appliedAt(pipeline, RuleKind.FILTER, instance, version, APPLY_LIMIT);
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

    /**
     * Child mode: input → output on the stage's engine, the runtime's transactional loop, with a stage that forwards
     * every record and the stage's client settings (ADR 0337).
     */
    static void noop(String bootstrap, String applicationId, String stateDir) throws Exception {
        StreamingPipeline seed = PipelineSpecParser.parse(Path.of("config/pipeline.yaml"));
        StageSection section = new StageSection(seed, seed.stage(StageType.FILTER).orElseThrow(),
                new StageTopics(PASS_ALL, "bench.out", "bench.dlq"));
        StageSettings settings = new StageSettings("filter", applicationId, applicationId, "", 1,
                Duration.ofMillis(100), stateDir, Duration.ofSeconds(30), 1048576, 3,
                StageYaml.streamsDefaults(Path.of("stage-filter/src/main/resources/application.yml")));
        LoopNoop.runUntilStopped(section, settings, bootstrap,
                Path.of("stage-filter/src/main/resources/application.yml"));
    }

    /** Writes the figures into README.md (between the markers, so the hand-written notes stay). */
    static final class Report {

        static void write(int records, int changes, int rounds, List<String> jvm, List<Result> noops,
                          List<Result> fair, Result seedRules, long[] prop) throws Exception {
            double noop = Stats.median(noops.stream().mapToDouble(Result::rate).toArray());
            double filter = Stats.median(fair.stream().mapToDouble(Result::rate).toArray());
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
                    filter / noop, seedRules.rate(), seedRules.rate() / noop, prop.length, Stats.percentileMillis(prop, 0.5),
                    Stats.percentileMillis(prop, 0.99), hwm / 1024, runs);
            ReadmeFigures.write(Path.of("bench/stage-filter/README.md"), figures);
        }
    }
}
