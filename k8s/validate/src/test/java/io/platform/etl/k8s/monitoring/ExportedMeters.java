package io.platform.etl.k8s.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Prometheus names of the meters the services register in their main sources (Micrometer naming: dots to
 * underscores, counters {@code _total}, timers {@code _seconds_bucket/_count/_sum/_max}), plus the few series that
 * come from libraries or the cluster (listed with their source).
 */
final class ExportedMeters {

    /** Series not declared in this repository's code, with where they come from. */
    static final Set<String> EXTERNAL = Set.of(
            // Micrometer's KafkaStreamsMetrics, bound to every stage's KafkaStreams in stage-runtime StageStreams,
            // and its KafkaClientMetrics, bound to each loop thread's consumer in stage-runtime LoopWorker.
            "kafka_consumer_fetch_manager_records_lag_max",
            // kube-state-metrics (cluster prerequisite in k8s/README.md).
            "kube_job_status_failed");

    private static final Pattern METER = Pattern.compile(
            "(Counter|Timer|Gauge)\\.builder\\(\\s*\"([a-z0-9_.]+)\"|\\.(counter|gauge|timer)\\(\\s*\"([a-z0-9_.]+)\"");
    private static final List<String> SOURCES = List.of("libs", "rules-api", "stage-filter", "stage-dedupe",
            "stage-enrich", "stage-aggregate", "price-exporter");

    private ExportedMeters() {
    }

    static Set<String> prometheusNames(Path repositoryRoot) {
        Set<String> names = new TreeSet<>(EXTERNAL);
        for (String module : SOURCES) {
            Path dir = repositoryRoot.resolve(module);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/"))
                        .forEach(f -> scan(f, names));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }

    private static void scan(Path file, Set<String> names) {
        try {
            Matcher m = METER.matcher(Files.readString(file));
            while (m.find()) {
                String type = (m.group(1) != null ? m.group(1) : m.group(3)).toLowerCase();
                String base = (m.group(2) != null ? m.group(2) : m.group(4)).replace('.', '_');
                switch (type) {
                    case "counter" -> names.add(base + "_total");
                    case "timer" -> List.of("_seconds_bucket", "_seconds_count", "_seconds_sum", "_seconds_max")
                            .forEach(s -> names.add(base + s));
                    default -> names.add(base);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
