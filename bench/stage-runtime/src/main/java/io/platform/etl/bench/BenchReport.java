package io.platform.etl.bench;

import io.platform.etl.bench.RuntimeBench.JobResult;
import io.platform.etl.bench.kit.ReadmeFigures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Prints the figures and rewrites the figures block of bench/stage-runtime/README.md. */
final class BenchReport {

    private static final Path README = Path.of("bench/stage-runtime/README.md");
    private static final String START = ReadmeFigures.START;
    private static final String END = ReadmeFigures.END;

    private BenchReport() {
    }

    static void write(int records, int rounds, int threads, double bytes, String loadBefore, String loadAfter,
                      Map<String, List<JobResult>> results) throws Exception {
        StringBuilder jobs = new StringBuilder();
        results.forEach((job, runs) -> {
            double[] rates = runs.stream().mapToDouble(JobResult::rate).toArray();
            double[] cpu = runs.stream().mapToDouble(JobResult::cpuSeconds).toArray();
            double[] micros = runs.stream().mapToDouble(JobResult::cpuMicrosPerRecord).toArray();
            jobs.append("| %s | %,.0f (%,.0f–%,.0f) | %.1f | %.1f | %d |%n".formatted(job, med(rates), min(rates),
                    max(rates), med(cpu), med(micros), runs.stream().mapToLong(JobResult::hwmKb).max().orElse(0)
                            / 1024));
        });
        StringBuilder all = new StringBuilder();
        for (int round = 0; round < rounds; round++) {
            for (List<JobResult> runs : results.values()) {
                JobResult r = runs.get(round);
                all.append("| %s | %,.0f | %.1f s | %.1f s (%.1f in all) | %d MB |%n".formatted(r.name(), r.rate(),
                        r.seconds(), r.cpuSeconds(), r.totalCpuSeconds(), r.hwmKb() / 1024));
            }
        }
        if (!results.keySet().containsAll(RuntimeBench.ALL_JOBS)) {
            System.out.println(jobs);
            System.out.println(all);
            return;
        }
        double filter = med(rates(results, "stage-filter"));
        double dsl = med(rates(results, "dsl"));
        double passthrough = med(rates(results, "passthrough"));
        long filterHwm = results.get("stage-filter").stream().mapToLong(JobResult::hwmKb).max().orElse(0) / 1024;
        String figures = """
                %s (written by RuntimeBench) -->
                Run of %s: `bench/stage-runtime/run.sh %d %d %d` — %,d events of %.0f bytes on average, 4 partitions,
                %d threads per job, exactly-once, lz4, a transaction every 100 ms (runtime-noop, stage-filter: spanning the
                batches polled in it, ADR 0338); %d interleaved rounds.
                Machine load: before %s; after %s.

                | job | rec/s, median (range) | CPU s while processing, median | CPU µs/record | peak RSS MB |
                | --- | --- | --- | --- | --- |
                %s
                | ratio | value | target |
                | --- | --- | --- |
                | **stage-filter / plain DSL filter** | **%.2f** | ≥ 1.2 |
                | **stage-filter / transactional passthrough** | **%.2f** | ≥ 0.8 |
                | stage-filter peak RSS (max of its runs) | %d MB | < 256 MB |

                | run (in order) | rate | first → last commit | CPU | VmHWM |
                | --- | --- | --- | --- | --- |
                %s%s""".formatted(START, RuntimeBench.now(), records, rounds, threads, records, bytes, threads,
                rounds, loadBefore, loadAfter, jobs, filter / dsl, filter / passthrough, filterHwm, all, END);
        ReadmeFigures.write(README, figures);
    }

    private static double[] rates(Map<String, List<JobResult>> results, String job) {
        return results.get(job).stream().mapToDouble(JobResult::rate).toArray();
    }

    private static double med(double[] v) {
        return RuntimeBench.median(v);
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElse(0);
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElse(0);
    }
}
