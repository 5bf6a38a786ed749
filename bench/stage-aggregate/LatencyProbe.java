import io.platform.etl.bench.kit.ChildJvm;
import io.platform.etl.bench.kit.CommitWatch;
import io.platform.etl.bench.kit.Stats;
import io.platform.etl.testkit.FreePort;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * End-to-end latency of the stage's {@code update} results on a live feed. Starts the stage service (as the stage
 * mode does) on a fresh input topic, waits for {@code /health/readiness}, then sends RATE records/s (event time =
 * now, {@value #GROUPS} groups, all records of a group in one partition in send order): {@value #WARM_UP_SECONDS} s
 * of warm-up, a wait until every warm-up record has its result (a fresh JVM falls behind at first and catches up),
 * then SECONDS measured. Record i is the k-th of its (window, group); its latency ends at the first result for that
 * (window, group) whose event_count reaches k. It starts at record i's own log-append time on the input topic (so the
 * feed's batching is not in it) and ends at that result's log-append time on the output (both topics
 * {@code LogAppendTime}; the broker runs in this JVM: one clock) — and, second figure, when a read_committed consumer
 * got it (its transaction committed). A record with no such result within {@link #MATCH_LIMIT} is unmatched: a
 * failure, reported.
 */
final class LatencyProbe {

    static final int GROUPS = 2_000;
    static final int WARM_UP_SECONDS = 10;
    static final Duration READY_LIMIT = Duration.ofMinutes(3);
    static final Duration MATCH_LIMIT = Duration.ofSeconds(60);
    static final String[] TYPES = {"click", "purchase"};
    static final String[] REGIONS = {"EU", "US"};

    /** Nearest-rank percentiles over {@code count} matched records, in ms. */
    record Percentiles(int count, double appendP50, double appendP99, double visibleP50, double visibleP99) {
    }

    /**
     * @param warmUpRecords records of the warm-up (the first ones)
     * @param caughtUp      seconds from the warm-up's last send until all its records had results
     * @param sent          all records, warm-up included
     * @param sendRate      rate of the measured feed as sent
     * @param matched       records with a result, warm-up included
     * @param warmUp        over the matched warm-up records
     * @param measured      over the matched records after the warm-up: the figure
     */
    record Figures(String name, int rate, int warmUpRecords, double caughtUp, int sent, double sendRate, int matched,
                   int unacknowledged, long results, Percentiles warmUp, Percentiles measured, String late) {

        int unmatched() {
            return sent - matched;
        }
    }

    private final String bootstrap;
    private final String name;
    private final String input;
    private final long windowMillis;
    private final int records;
    private final AtomicLongArray appended;
    private final String[] keys;
    private final int[] positions;
    private final Map<String, Integer> perKey = new HashMap<>();
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();

    private LatencyProbe(String bootstrap, String name, String input, long windowMillis, int records) {
        this.bootstrap = bootstrap;
        this.name = name;
        this.input = input;
        this.windowMillis = windowMillis;
        this.records = records;
        this.appended = new AtomicLongArray(records);
        this.keys = new String[records];
        this.positions = new int[records];
    }

    static Figures run(String cp, List<String> jvm, String bootstrap, String name, long windowMillis, int rate,
                       int seconds) throws Exception {
        String input = "bench.live." + name;
        String output = "bench.out." + name;
        AggregateBench.createTopics(bootstrap, Map.of("message.timestamp.type", "LogAppendTime"), input, output);
        int port = FreePort.pick();
        Path log = Path.of("stage-aggregate/target/bench-" + name + ".log");
        Process process = ChildJvm.start(AggregateBench.stageCommand(cp, jvm, bootstrap, name, input, output, port),
                log);
        try {
            awaitReady(name, process, port, log);
            int warmUp = rate * WARM_UP_SECONDS;
            LatencyProbe probe = new LatencyProbe(bootstrap, name, input, windowMillis, warmUp + rate * seconds);
            try (ResultWatch watch = new ResultWatch(bootstrap, output);
                 Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                System.out.printf("[%s] warm-up: %,d records at %,d rec/s%n", name, warmUp, rate);
                probe.feed(0, warmUp, rate, process, watch, admin);
                double caughtUp = probe.awaitMatches(warmUp, process, watch, admin);
                System.out.printf("[%s] warm-up results all in %.1f s after its last send; measuring%n", name,
                        caughtUp);
                double sendRate = probe.feed(warmUp, probe.records, rate, process, watch, admin);
                probe.awaitMatches(probe.records, process, watch, admin);
                watch.stop();
                Figures figures = probe.figures(rate, warmUp, caughtUp, sendRate, watch,
                        AggregateBench.lateMetric(port));
                System.out.printf("[%s] matched %,d of %,d; measured input → result p50 %.0f ms, p99 %.0f ms"
                        + " (log-append); visible p50 %.0f ms, p99 %.0f ms%n", name, figures.matched(),
                        figures.sent(), figures.measured().appendP50(), figures.measured().appendP99(),
                        figures.measured().visibleP50(), figures.measured().visibleP99());
                return figures;
            }
        } finally {
            ChildJvm.stop(process);
        }
    }

    static void awaitReady(String name, Process process, int port, Path log) throws Exception {
        long start = System.nanoTime();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            URI readiness = URI.create("http://127.0.0.1:" + port + "/health/readiness");
            while (System.nanoTime() - start < READY_LIMIT.toNanos() && process.isAlive()) {
                try {
                    if (http.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        System.out.printf("[%s] ready after %.1f s%n", name, (System.nanoTime() - start) / 1e9);
                        return;
                    }
                } catch (java.io.IOException e) {
                    // not listening yet
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException(name + " not ready within " + READY_LIMIT + " (process alive: "
                + process.isAlive() + "); see " + log);
    }

    /** Sends records {@code [from, to)} paced at {@code rate}/s; returns the rate achieved. */
    private double feed(int from, int to, int rate, Process process, ResultWatch watch, Admin admin)
            throws Exception {
        long start = System.nanoTime();
        long limit = start + 2L * (to - from) * 1_000_000_000L / rate;
        long lastPrint = start;
        int lastSent = from;
        int i = from;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 5),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            while (i < to && process.isAlive() && System.nanoTime() < limit && sendFailure.get() == null) {
                long due = Math.min(to, from + (System.nanoTime() - start) * rate / 1_000_000_000L + 1);
                for (; i < due; i++) {
                    send(producer, i);
                }
                if (System.nanoTime() - lastPrint > 1_000_000_000L) {
                    progress(i, (i - lastSent) * 1e9 / (System.nanoTime() - lastPrint), watch, admin);
                    lastPrint = System.nanoTime();
                    lastSent = i;
                }
                LockSupport.parkNanos(2_000_000);
            }
            producer.flush();
        }
        if (sendFailure.get() != null) {
            throw new IllegalStateException(name + ": the feed failed", sendFailure.get());
        }
        if (i < to) {
            throw new IllegalStateException(name + ": sent only " + i + " of " + to + " records in time"
                    + " (stage alive: " + process.isAlive() + ")");
        }
        return (to - from) / ((System.nanoTime() - start) / 1e9);
    }

    private void send(KafkaProducer<byte[], byte[]> producer, int i) {
        int group = (int) ((i * 2654435761L) % GROUPS);
        String user = "lu" + group / 4;
        String type = TYPES[group % 2];
        String region = REGIONS[(group / 2) % 2];
        long now = System.currentTimeMillis();
        keys[i] = ResultWatch.key(Math.floorDiv(now, windowMillis) * windowMillis, user, type, region);
        positions[i] = perKey.merge(keys[i], 1, Integer::sum);
        String json = "{\"event_id\":\"l-" + i + "\",\"user_id\":\"" + user + "\",\"event_type\":\"" + type
                + "\",\"region\":\"" + region + "\",\"timestamp\":" + now + ",\"amount\":" + (i % 300)
                + ".5,\"ip_address\":\"10.1." + (i % 250) + ".1\"}";
        producer.send(new ProducerRecord<>(input, group % AggregateBench.PARTITIONS, null,
                ("g" + group).getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8)),
                (metadata, e) -> {
                    if (e != null) {
                        sendFailure.compareAndSet(null, e);
                    } else {
                        appended.set(i, metadata.timestamp());
                    }
                });
    }

    /** Waits (bounded) until the first {@code sent} records have results; returns the seconds it took. */
    private double awaitMatches(int sent, Process process, ResultWatch watch, Admin admin) throws Exception {
        long start = System.nanoTime();
        long lastPrint = start;
        while (matched(sent, watch) < sent && System.nanoTime() - start < MATCH_LIMIT.toNanos()
                && process.isAlive()) {
            Thread.sleep(100);
            if (System.nanoTime() - lastPrint > 1_000_000_000L) {
                progress(sent, Double.NaN, watch, admin);
                lastPrint = System.nanoTime();
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private void progress(int sent, double rate, ResultWatch watch, Admin admin) throws Exception {
        int matched = matched(sent, watch);
        System.out.printf("[%s] sent %,d%s; stage committed %,d; %,d results; %,d records matched%n", name, sent,
                Double.isNaN(rate) ? "" : " (%,.0f rec/s)".formatted(rate),
                CommitWatch.committed(admin, name, input), watch.results(), matched);
    }

    /** How many of the first {@code sent} records have a result so far. */
    private int matched(int sent, ResultWatch watch) {
        int matched = 0;
        for (int i = 0; i < sent; i++) {
            if (appended.get(i) > 0 && watch.maxCount(keys[i]) >= positions[i]) {
                matched++;
            }
        }
        return matched;
    }

    private Figures figures(int rate, int warmUp, double caughtUp, double sendRate, ResultWatch watch, String late) {
        long[][] warm = new long[2][warmUp];
        long[][] measured = new long[2][records - warmUp];
        int matchedWarm = 0;
        int matchedMeasured = 0;
        int unacknowledged = 0;
        for (int i = 0; i < records; i++) {
            long in = appended.get(i);
            if (in <= 0) {
                unacknowledged++;
                continue;
            }
            int position = positions[i];
            ResultWatch.Seen first = watch.seen(keys[i]).stream().filter(s -> s.count() >= position).findFirst()
                    .orElse(null);
            if (first == null) {
                continue;
            }
            long[][] into = i < warmUp ? warm : measured;
            int at = i < warmUp ? matchedWarm++ : matchedMeasured++;
            into[0][at] = (first.appended() - in) * 1000;
            into[1][at] = (first.visible() - in) * 1000;
        }
        return new Figures(name, rate, warmUp, caughtUp, records, sendRate, matchedWarm + matchedMeasured,
                unacknowledged, watch.results(), percentiles(warm, matchedWarm),
                percentiles(measured, matchedMeasured), late);
    }

    private static Percentiles percentiles(long[][] appendedAndVisible, int count) {
        long[] a = Arrays.copyOf(appendedAndVisible[0], count);
        long[] v = Arrays.copyOf(appendedAndVisible[1], count);
        Arrays.sort(a);
        Arrays.sort(v);
        return new Percentiles(count, Stats.percentileMillis(a, 0.5), Stats.percentileMillis(a, 0.99),
                Stats.percentileMillis(v, 0.5), Stats.percentileMillis(v, 0.99));
    }
}
