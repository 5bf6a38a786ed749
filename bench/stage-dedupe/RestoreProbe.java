import io.platform.etl.bench.kit.ChildJvm;
import io.platform.etl.bench.kit.Prometheus;
import io.platform.etl.model.rules.dedupe.DedupeAlgorithm;
import io.platform.etl.model.rules.dedupe.DeduplicationConfig;
import io.platform.etl.stage.dedupe.key.KeyHash;
import io.platform.etl.stage.dedupe.state.ExactSeenKeys;
import io.platform.etl.stage.dedupe.state.Sizing;
import io.platform.etl.stage.dedupe.state.SortedStore;
import io.platform.etl.testkit.FreePort;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Restore time of an exact store holding KEYS keys after a SIGKILL. Writing a million keys through the stage takes
 * longer than the loaded bench machine allows, so the store's changelog ({@code <app>-dedupe-exact-changelog}, one
 * partition per task) is written directly, entry by entry as {@link ExactSeenKeys} lays them out. Then: a stage with
 * an empty state directory restores it (cold start), is killed with SIGKILL, and a new process on the same state
 * directory restores again (under exactly-once an unclean shutdown discards the local stores). Baseline: the same
 * start against an empty changelog; restore time = time to ready − baseline.
 */
final class RestoreProbe {

    private static final long T0 = 1_714_557_600_000L;

    private RestoreProbe() {
    }

    record Figures(long keys, double emptyStart, double coldStart, double afterKill, double restoredKeys) {

        String markdown() {
            return String.format("Restore of an exact store holding %,d keys (4 tasks): ready %.1f s after a cold start "
                            + "on an empty state directory, %.1f s after SIGKILL and restart; the same start with an "
                            + "empty store took %.1f s, so **restore after SIGKILL ≈ %.1f s** (%,.0f keys in the "
                            + "restored store by its gauge).%n", keys, coldStart, afterKill, emptyStart,
                    afterKill - emptyStart, restoredKeys);
        }
    }

    static Figures run(String cp, String bootstrap, String redisUri, String pipeline, long keys) throws Exception {
        String input = "bench.restore.in";
        String app = "bench-restore";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(input, DedupeBench.PARTITIONS, (short) 1),
                    new NewTopic(app + "-dedupe-exact-changelog", DedupeBench.PARTITIONS, (short) 1)
                            .configs(Map.of("cleanup.policy", "compact")))).all().get();
        }
        fill(bootstrap, app + "-dedupe-exact-changelog", keys);
        DedupeBench.publish(redisUri, "bench-restore", pipeline, new DeduplicationConfig(Duration.ofHours(1),
                List.of("event_id"), DedupeAlgorithm.EXACT, null, 0.001, keys));
        double empty = timeToReady(cp, bootstrap, redisUri, input, app + "-empty",
                Files.createTempDirectory("bench-restore-empty"), false).seconds();
        Path state = Files.createTempDirectory("bench-restore");
        Ready cold = timeToReady(cp, bootstrap, redisUri, input, app, state, true);
        Ready again = timeToReady(cp, bootstrap, redisUri, input, app, state, true);
        return new Figures(keys, empty, cold.seconds(), again.seconds(), again.keys());
    }

    /** Writes {@code keys} exact entries, key i to partition i % partitions, event times 1 ms apart. */
    static void fill(String bootstrap, String changelog, long keys) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 262144, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                // Distinct keys, so order does not matter; the idempotent producer fell into the transactions-v2
                // OUT_OF_ORDER_SEQUENCE_NUMBER retry loop on this broker (ADR 0600).
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.ACKS_CONFIG, "1"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            ExactSeenKeys[] tasks = new ExactSeenKeys[DedupeBench.PARTITIONS];
            for (int p = 0; p < tasks.length; p++) {
                tasks[p] = new ExactSeenKeys(new ChangelogWriter(producer, changelog, p), 4);
            }
            Sizing sizing = new Sizing(Duration.ofHours(1).toMillis(), keys, 0.001);
            for (long i = 0; i < keys; i++) {
                int p = (int) (i % tasks.length);
                tasks[p].add(new KeyHash(mix(i), mix(~i)), T0 + i, (long) p << 48 | i, sizing);
            }
            producer.flush();
        }
        System.out.printf("[restore] wrote %,d keys into %s%n", keys, changelog);
    }

    record Ready(double seconds, double keys) {
    }

    /** Starts the stage, waits until it is ready (Kafka Streams RUNNING), then kills it with SIGKILL. */
    static Ready timeToReady(String cp, String bootstrap, String redisUri, String input, String app, Path state,
                             boolean countKeys) throws Exception {
        int port = FreePort.pick();
        List<String> cmd = DedupeBench.stageCommand(cp, bootstrap, redisUri, "bench-restore", app, input,
                state, port);
        Path log = Path.of("stage-dedupe/target/bench-restore-" + app + ".log");
        long start = System.nanoTime();
        Process process = ChildJvm.start(cmd, log);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        try {
            long deadline = start + Duration.ofMinutes(5).toNanos();
            while (System.nanoTime() < deadline && process.isAlive()) {
                if (status(http, port, "/health/readiness") == 200) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    double keys = Double.NaN;
                    if (countKeys) {
                        Thread.sleep(1500);
                        keys = DedupeBench.gauge(Prometheus.scrape(port), "dedupe_retained_keys", "exact");
                    }
                    System.out.printf("[restore] %s ready after %.1f s (%,.0f keys)%n", app, seconds, keys);
                    return new Ready(seconds, keys);
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException(app + " not ready; see " + log);
        } finally {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    private static int status(HttpClient http, int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static long mix(long z) {
        z += 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A write-only store: each put becomes a changelog record of the task's partition. */
    private record ChangelogWriter(KafkaProducer<byte[], byte[]> producer, String topic, int partition)
            implements SortedStore {

        @Override
        public byte[] get(byte[] key) {
            return null;
        }

        @Override
        public void put(byte[] key, byte[] value) {
            producer.send(new ProducerRecord<>(topic, partition, key, value));
        }

        @Override
        public void delete(byte[] key) {
            producer.send(new ProducerRecord<>(topic, partition, key, null));
        }

        @Override
        public Map.Entry<byte[], byte[]> firstAtOrAfter(byte[] from) {
            return null;
        }

        @Override
        public void forEach(byte[] from, byte[] to, Consumer<Map.Entry<byte[], byte[]>> action) {
        }

        @Override
        public long approximateEntries() {
            return 0;
        }
    }
}
