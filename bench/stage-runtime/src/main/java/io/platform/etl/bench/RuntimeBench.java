package io.platform.etl.bench;

import io.platform.etl.bench.kit.ChildJvm;
import io.platform.etl.bench.kit.CommitWatch;
import io.platform.etl.bench.kit.ProcStats;
import io.platform.etl.bench.kit.Stats;
import io.platform.etl.testkit.KafkaBroker;
import io.platform.etl.testkit.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage runtime benchmark (see bench/stage-runtime/README.md; usage: run.sh). One embedded KRaft broker and Redis in
 * this JVM; ROUNDS interleaved rounds of four jobs, each its own JVM with the same thread count and exactly_once_v2
 * on the same input: (a) plain transactional consume → produce, (b) plain Kafka Streams DSL filter with Jackson
 * POJOs, (c) the stage runtime's transactional loop with a forwarding stage, (d) stage-filter as shipped (on that
 * loop) with static conditions only.
 * Each job's rate is records / (first → last committed offset of its group); CPU is the job JVM's utime+stime over
 * that span; peak RSS its VmHWM.
 */
public final class RuntimeBench {

    static final Duration RUN_LIMIT = Duration.ofMinutes(5);
    static final List<String> ALL_JOBS = List.of("passthrough", "dsl", "runtime-noop", "stage-filter");

    private RuntimeBench() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        String cp = System.getProperty("java.class.path");
        String loadBefore = JobProcess.uptime();
        Path spec = staticRulesSpec();
        String only = System.getenv("BENCH_JOBS");
        List<String> jobs = only == null || only.isBlank() ? ALL_JOBS : List.of(only.trim().split(","));
        Map<String, List<JobResult>> results = new LinkedHashMap<>();
        jobs.forEach(j -> results.put(j, new ArrayList<>()));
        try (KafkaBroker kafka = KafkaBroker.embedded(null);
             RedisServer redis = RedisServer.embedded(0)) {
            String bootstrap = kafka.bootstrapServers();
            kafka.createTopics(BenchSettings.PARTITIONS, BenchSettings.INPUT, BenchSettings.DEAD_LETTERS);
            double bytes = BenchEvents.preload(bootstrap, records);
            System.out.printf("load before: %s; %,d events of %.0f bytes on average%n", loadBefore, records, bytes);
            for (int round = 1; round <= rounds; round++) {
                for (String job : jobs) {
                    String name = job + "-" + round;
                    String output = "bench.out." + name;
                    kafka.createTopics(BenchSettings.PARTITIONS, output);
                    List<String> cmd = JobProcess.command(job, cp, bootstrap, redis.uri(), name, output, threads,
                            spec);
                    results.get(job).add(measure(name, cmd, bootstrap, records));
                }
            }
            String loadAfter = JobProcess.uptime();
            BenchReport.write(records, rounds, threads, bytes, loadBefore, loadAfter, results);
        }
    }

    /** config/pipeline.yaml with the filter's dynamic rules switched off (static conditions only). */
    static Path staticRulesSpec() throws Exception {
        String spec = Files.readString(Path.of("config/pipeline.yaml"));
        String off = spec.replaceFirst("(?s)(type: \"filter\".*?dynamic_rules:\\s*\\n\\s*enabled: )true", "$1false");
        if (off.equals(spec)) {
            throw new IllegalStateException("could not switch off the filter's dynamic_rules in config/pipeline.yaml");
        }
        Path file = Files.createTempFile("bench-pipeline", ".yaml");
        Files.writeString(file, off);
        return file;
    }

    static JobResult measure(String name, List<String> cmd, String bootstrap, int records) throws Exception {
        Path log = Path.of("bench/stage-runtime/target/" + name + ".log");
        Process process = ChildJvm.start(cmd, log);
        try {
            double[] firstCpu = {0};
            CommitWatch.Run run = CommitWatch.await(name, process, log, bootstrap, name, BenchSettings.INPUT, records,
                    RUN_LIMIT, new CommitWatch.Hooks() {
                        @Override
                        public void onFirstCommit() throws Exception {
                            firstCpu[0] = ProcStats.cpuSeconds(process.pid());
                        }
                    });
            double totalCpu = ProcStats.cpuSeconds(process.pid());
            double cpu = totalCpu - firstCpu[0];
            JobResult r = new JobResult(name, run.rate(), run.seconds(), cpu, totalCpu, run.measured(),
                    ProcStats.hwmKb(process.pid()));
            System.out.printf("[%s] CPU %.1f s (%.1f µs/record, %.1f s in all), peak RSS %d MB%n", name, cpu,
                    r.cpuMicrosPerRecord(), totalCpu, r.hwmKb() / 1024);
            return r;
        } finally {
            ChildJvm.stop(process);
        }
    }

    /** One run of one job. */
    record JobResult(String name, double rate, double seconds, double cpuSeconds, double totalCpuSeconds,
                     long records, long hwmKb) {

        double cpuMicrosPerRecord() {
            return cpuSeconds * 1e6 / records;
        }
    }

    static double median(double[] values) {
        return Stats.median(values);
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MINUTES).toString();
    }
}
