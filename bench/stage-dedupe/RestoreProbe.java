import io.platform.etl.bench.kit.ChildJvm;
import io.platform.etl.bench.kit.Prometheus;
import io.platform.etl.model.rules.dedupe.DedupeAlgorithm;
import io.platform.etl.model.rules.dedupe.DeduplicationConfig;
import io.platform.etl.stage.dedupe.key.KeyHash;
import io.platform.etl.stage.dedupe.state.ExactChunkLog;
import io.platform.etl.stage.dedupe.state.ExactSeenKeys;
import io.platform.etl.stage.dedupe.state.ExactTableStore;
import io.platform.etl.stage.dedupe.state.Sizing;
import io.platform.etl.testkit.FreePort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Restore time of an exact state holding KEYS keys after a SIGKILL (ADR 0609). Writing a million keys through the stage
 * takes longer than the loaded bench machine allows, so the hop's changelog ({@code <app>-dedupe-state}, one
 * partition per hop partition) is written directly, entry by entry as {@link ExactSeenKeys} lays them out under the
 * runtime's and the stage's key prefixes. Then: a stage restores it (first start), is killed with SIGKILL once
 * restored, and a new process restores again (nothing local survives on the keyed loop: every start restores from
 * the changelog). Each start is timed from process start until the deciding loop logged the restore of every
 * partition ("Restored ..."); baseline: the same start against an empty changelog. Restore time = time to restored
 * − baseline; the loop's own log gives the pure changelog read per partition too.
 */
final class RestoreProbe {

    private static final long T0 = 1_714_557_600_000L;
    private static final byte RUNTIME_STAGE_PREFIX = 1;
    private static final byte EXACT_TAG = 'X';
    /** Keys per partition between two chunk flushes: about what one 100 ms commit of the stage adds. */
    private static final int KEYS_PER_COMMIT = 5_000;
    private static final Pattern RESTORED = Pattern.compile("Restored \\S+-dedupe-state-\\d+: (\\d+) changelog "
            + "entries in (\\d+) ms");

    private RestoreProbe() {
    }

    record Figures(long keys, Restored empty, Restored first, Restored afterKill) {

        String markdown() {
            return String.format("Restore of an exact state holding %,d keys (4 hop partitions, one deciding thread): "
                            + "restored %.1f s after the process started, %.1f s after SIGKILL and restart; the same "
                            + "start with an empty changelog took %.1f s, so **restore after SIGKILL ≈ %.1f s** "
                            + "(%,.0f keys in the restored state by its gauge; the deciding loop's own log: %,d "
                            + "changelog entries read and indexed in %.1f s).%n", keys, first.seconds(),
                    afterKill.seconds(), empty.seconds(), afterKill.seconds() - empty.seconds(), afterKill.keys(),
                    afterKill.entries(), afterKill.loggedMillis() / 1000.0);
        }
    }

    static Figures run(String cp, String bootstrap, String redisUri, String pipeline, long keys) throws Exception {
        String input = "bench.restore.in";
        String app = "bench-restore";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(input, DedupeBench.PARTITIONS, (short) 1),
                    new NewTopic(app + "-dedupe-state", DedupeBench.PARTITIONS, (short) 1)
                            .configs(Map.of("cleanup.policy", "compact")))).all().get();
        }
        fill(bootstrap, app + "-dedupe-state", keys);
        DedupeBench.publish(redisUri, "bench-restore", pipeline, new DeduplicationConfig(Duration.ofHours(1),
                List.of("event_id"), DedupeAlgorithm.EXACT, null, 0.001, keys));
        Restored empty = timeToRestored(cp, bootstrap, redisUri, input, app + "-empty");
        Restored first = timeToRestored(cp, bootstrap, redisUri, input, app);
        Restored again = timeToRestored(cp, bootstrap, redisUri, input, app);
        return new Figures(keys, empty, first, again);
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
            ExactChunkLog[] logs = new ExactChunkLog[DedupeBench.PARTITIONS];
            for (int p = 0; p < tasks.length; p++) {
                int partition = p;
                logs[p] = new ExactChunkLog(new ExactTableStore(), EXACT_TAG);
                logs[p].sink((key, value) -> producer.send(new ProducerRecord<>(changelog, partition,
                        prefixed(key), value)));
                tasks[p] = new ExactSeenKeys(logs[p], 4);
            }
            Sizing sizing = new Sizing(Duration.ofHours(1).toMillis(), keys, 0.001);
            for (long i = 0; i < keys; i++) {
                int p = (int) (i % tasks.length);
                tasks[p].add(new KeyHash(mix(i), mix(~i)), T0 + i, (long) p << 48 | i, sizing);
                if (i % ((long) KEYS_PER_COMMIT * tasks.length) == 0) {
                    for (ExactChunkLog log : logs) {
                        log.flush();
                    }
                }
            }
            for (ExactChunkLog log : logs) {
                log.flush();
            }
            producer.flush();
        }
        System.out.printf("[restore] wrote %,d keys into %s%n", keys, changelog);
    }

    /**
     * @param entries      changelog entries the deciding loop read, over all partitions
     * @param loggedMillis the loop's own restore time, summed over partitions (one thread restores them in turn)
     */
    record Restored(double seconds, double keys, long entries, long loggedMillis) {
    }

    /** Starts the stage, waits until every hop partition's state is restored, then kills it with SIGKILL. */
    static Restored timeToRestored(String cp, String bootstrap, String redisUri, String input, String app)
            throws Exception {
        int port = FreePort.pick();
        List<String> cmd = DedupeBench.stageCommand(cp, bootstrap, redisUri, "bench-restore", app, input, port);
        Path log = Path.of("stage-dedupe/target/bench-restore-" + app + ".log");
        Files.deleteIfExists(log);
        long start = System.nanoTime();
        Process process = ChildJvm.start(cmd, log);
        try {
            long deadline = start + Duration.ofMinutes(5).toNanos();
            while (System.nanoTime() < deadline && process.isAlive()) {
                List<Matcher> restored = restoredLines(log);
                if (restored.size() >= DedupeBench.PARTITIONS) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    long entries = restored.stream().mapToLong(m -> Long.parseLong(m.group(1))).sum();
                    long millis = restored.stream().mapToLong(m -> Long.parseLong(m.group(2))).sum();
                    Thread.sleep(1500);
                    double keys = DedupeBench.gauge(Prometheus.scrape(port), "dedupe_retained_keys", "exact");
                    System.out.printf("[restore] %s restored after %.1f s (%,d entries in %d ms by its log, %,.0f "
                            + "keys)%n", app, seconds, entries, millis, keys);
                    return new Restored(seconds, keys, entries, millis);
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException(app + " not restored; see " + log);
        } finally {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    private static List<Matcher> restoredLines(Path log) throws Exception {
        if (!Files.exists(log)) {
            return List.of();
        }
        List<Matcher> out = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            Matcher m = RESTORED.matcher(line);
            if (m.find()) {
                out.add(m);
            }
        }
        return out;
    }

    /** The runtime's prefix of a stage entry (ADR 0340); the chunk key carries the stage's tag. */
    private static byte[] prefixed(byte[] key) {
        byte[] out = new byte[key.length + 1];
        out[0] = RUNTIME_STAGE_PREFIX;
        System.arraycopy(key, 0, out, 1, key.length);
        return out;
    }

    private static long mix(long z) {
        z += 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
