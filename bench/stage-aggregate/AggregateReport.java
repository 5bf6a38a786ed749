import io.platform.etl.bench.kit.ProcStats;
import io.platform.etl.bench.kit.ReadmeFigures;
import io.platform.etl.bench.kit.Stats;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Writes AggregateBench's figures into README.md (between the markers, so the hand-written notes stay). */
final class AggregateReport {

    private AggregateReport() {
    }

    static void write(String modes, int records, int groups, int rounds, List<String> jvm,
                      List<AggregateBench.Result> results, List<LatencyProbe.Figures> latencies,
                      StateFootprint.Figures footprint) throws IOException {
        double passthrough = median(results, "passthrough");
        double hop = median(results, "passthrough-hop");
        double dsl = median(results, "dsl");
        double stage = median(results, "stage");
        StringBuilder runs = new StringBuilder();
        for (AggregateBench.Result r : results) {
            runs.append("| %s | %,.0f rec/s | %.1f s | %d MB | %s | %s |%n".formatted(r.name(), r.rate(),
                    r.seconds(), r.hwmKb() / 1024, r.counted() < 0 ? "—" : "%,d (%,d dropped)".formatted(
                            r.counted(), records - r.counted()), r.lateMetric().isEmpty() ? "—" : r.lateMetric()));
        }
        String state = results.stream().map(AggregateBench.Result::state).filter(Objects::nonNull)
                .map(WindowStoreSize.Figures::markdown).collect(Collectors.joining("; "));
        String heap = footprint == null ? "not run" : footprint.markdown();
        String command = (modes.equals(AggregateBench.MODES) ? "" : "BENCH_MODES=" + modes + " ")
                + "bench/stage-aggregate/run.sh %d %d %d".formatted(records, groups, rounds);
        String figures = """
                <!-- figures:start (written by AggregateBench) -->
                Run of %s: `%s`.
                %,d records, %,d groups, %d partitions an hour apart in event time; baselines: Kafka Streams, 1 stream
                thread, exactly_once_v2; stage: keyed loops, 1 keying + 1 deciding thread; lz4, acks=all, commit
                interval 100 ms; load average at the end %s. JVM flags
                (stage-aggregate/jvm.options): `%s`, env `MALLOC_ARENA_MAX=2`.

                | figure | value | target |
                | --- | --- | --- |
                | passthrough (input → output) | %s | — |
                | passthrough with a repartition hop | %s | — |
                | Kafka Streams DSL windowed aggregation | %s | — |
                | **stage-aggregate** | **%s** | ≥ 0.35 of the passthrough for a design with a hop (≥ 0.5 without one) |
                | stage-aggregate state per (window, group): heap | %s | — |
                | stage-aggregate changelog per (window, group) entry, after the stage run | %s | — |
                | stage-aggregate live feed → `update` result p50 / p99 | %s | — |

                | run (in order) | rate | first → last commit | VmHWM | records in the output | late metric |
                | --- | --- | --- | --- | --- | --- |
                %s%s<!-- figures:end -->""".formatted(Instant.now().truncatedTo(ChronoUnit.MINUTES), command,
                records, groups, AggregateBench.PARTITIONS, ProcStats.loadAverage(), String.join(" ", jvm),
                rate(passthrough), rate(hop), rate(dsl, passthrough, hop), rate(stage, passthrough, hop),
                heap, state.isEmpty() ? "not run" : state, latencies.isEmpty() ? "not run" : latencies.stream()
                        .map(AggregateReport::latencyHeadline).collect(Collectors.joining("; ")),
                runs, latencyTable(latencies));
        ReadmeFigures.write(Path.of("bench/stage-aggregate/README.md"), figures);
    }

    static String latencyHeadline(LatencyProbe.Figures f) {
        String matched = f.unmatched() == 0 ? "all %,d records matched".formatted(f.sent())
                : "**FAILED: %,d of %,d records never reached a result**".formatted(f.unmatched(), f.sent());
        return ("**%.0f / %.0f ms** input → result appended, %.0f / %.0f ms until a read_committed consumer has it"
                + " (%,d records at %,d rec/s after a %d s warm-up); %s").formatted(f.measured().appendP50(),
                f.measured().appendP99(), f.measured().visibleP50(), f.measured().visibleP99(),
                f.measured().count(), f.rate(), LatencyProbe.WARM_UP_SECONDS, matched);
    }

    static String latencyTable(List<LatencyProbe.Figures> latencies) {
        if (latencies.isEmpty()) {
            return "";
        }
        StringBuilder table = new StringBuilder("""

                | live run | feed | records matched | warm-up (fresh JVM): appended; visible p50 / p99 | caught up \
                after the warm-up | measured: appended p50 / p99 | measured: visible p50 / p99 | results | late metric |
                | --- | --- | --- | --- | --- | --- | --- | --- | --- |
                """);
        for (LatencyProbe.Figures f : latencies) {
            table.append("| %s | %,d rec/s asked, %,.0f sent; %,d groups | %,d of %,d%s | ".formatted(f.name(),
                            f.rate(), f.sendRate(), LatencyProbe.GROUPS, f.matched(), f.sent(),
                            f.unacknowledged() > 0 ? " (%,d not acknowledged by the broker)"
                                    .formatted(f.unacknowledged()) : ""))
                    .append("%.0f / %.0f; %.0f / %.0f ms (%,d records) | %.1f s | ".formatted(f.warmUp().appendP50(),
                            f.warmUp().appendP99(), f.warmUp().visibleP50(), f.warmUp().visibleP99(),
                            f.warmUp().count(), f.caughtUp()))
                    .append("%.0f / %.0f ms | %.0f / %.0f ms (%,d records) | %,d | %s |%n".formatted(
                            f.measured().appendP50(), f.measured().appendP99(), f.measured().visibleP50(),
                            f.measured().visibleP99(), f.measured().count(), f.results(), f.late()));
        }
        return table.toString();
    }

    static String rate(double rate) {
        return Double.isNaN(rate) ? "not run" : "%,.0f rec/s".formatted(rate);
    }

    static String rate(double rate, double passthrough, double hop) {
        if (Double.isNaN(rate)) {
            return "not run";
        }
        String ratios = Stream.of(Double.isNaN(passthrough) ? "" : "%.2f of passthrough".formatted(rate / passthrough),
                Double.isNaN(hop) ? "" : "%.2f of the hop".formatted(rate / hop)).filter(r -> !r.isEmpty())
                .collect(Collectors.joining(", "));
        return "%,.0f rec/s".formatted(rate) + (ratios.isEmpty() ? "" : " (" + ratios + ")");
    }

    static double median(List<AggregateBench.Result> results, String mode) {
        return Stats.median(results.stream().filter(r -> r.mode().equals(mode))
                .mapToDouble(AggregateBench.Result::rate).toArray());
    }
}
