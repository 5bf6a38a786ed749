import io.platform.etl.bench.kit.ChildJvm;
import io.platform.etl.bench.kit.CommitWatch;
import io.platform.etl.bench.kit.JvmOptions;
import io.platform.etl.bench.kit.Preload;
import io.platform.etl.bench.kit.ProcStats;
import io.platform.etl.bench.kit.Prometheus;
import io.platform.etl.bench.kit.stage.RuleStore;
import io.platform.etl.bench.kit.stage.StageServiceSettings;
import io.platform.etl.model.duration.Durations;
import io.platform.etl.model.rules.enrich.EnrichmentRule;
import io.platform.etl.model.rules.enrich.EnrichmentRuleSet;
import io.platform.etl.model.rules.enrich.EnrichmentSource;
import io.platform.etl.model.rules.enrich.SourceType;
import io.platform.etl.model.rules.publish.RuleSnapshot;
import io.platform.etl.testkit.FreePort;
import io.platform.etl.testkit.KafkaBroker;
import io.platform.etl.testkit.PostgresServer;
import io.platform.etl.testkit.RedisServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * stage-enrich benchmark (see README.md next to this file). One embedded broker, Redis and PostgreSQL, a geo
 * service in this JVM; each measured run is its own JVM with the flags of stage-enrich/jvm.options:
 * <ol>
 *   <li>baseline: a plain transactional consume → produce passthrough (batches of 500, read_committed,
 *       sendOffsetsToTransaction), the shape of the enrich loop without decoding or lookups;</li>
 *   <li>hot: both sources, every key from a hot set (≈100 % cache hits after the first sight of each key);</li>
 *   <li>db-90: 10 % of the records carry a user never seen before (a profile lookup per such record);</li>
 *   <li>geo-90: the geo service answers after 20 ms and 10 % of the records carry a new IP address.</li>
 * </ol>
 * Throughput is counted between the group's first committed offset and all input committed. Database round trips,
 * HTTP calls and the p99 of processing_latency come from the stage's /prometheus at the end of its run.
 */
public class EnrichBench {

    static final int PARTITIONS = 4;
    static final int HOT_USERS = 1000;
    static final int HOT_IPS = 1000;
    static final Duration RUN_LIMIT = Duration.ofMinutes(4);

    public static void main(String[] args) throws Exception {
        if (args[0].equals("passthrough")) {
            passthrough(args[1], args[2], args[3]);
            return;
        }
        String cp = args[0];
        int records = Integer.parseInt(args[1]);
        List<String> jvm = jvmOptions();
        try (KafkaBroker kafka = KafkaBroker.embedded(null); RedisServer redis = RedisServer.embedded(0);
             PostgresServer pg = PostgresServer.embedded(0, null)) {
            String bootstrap = kafka.bootstrapServers();
            kafka.createTopics(PARTITIONS, "bench.in.hot", "bench.in.db90", "bench.in.geo90", "bench.out",
                    "bench.dlq");
            String db = pg.createDatabase("bench");
            String url = pg.jdbcUrl(db);
            loadProfiles(url, pg.username(), pg.password(), records);
            preload(bootstrap, "bench.in.hot", records, 0, 0);
            preload(bootstrap, "bench.in.db90", records, 10, 0);
            preload(bootstrap, "bench.in.geo90", records, 0, 10);
            GeoService geo = new GeoService();
            List<Result> results = new ArrayList<>();
            results.add(measure("passthrough-1", passthroughCommand(cp, jvm, bootstrap, "bench-pass-1"), bootstrap,
                    "bench-pass-1",
                    "bench.in.hot", records, -1, geo));
            String prefix = "bench-enrich";
            publish(redis.uri(), prefix, geo.endpoint());
            geo.delayMillis = 20;
            results.add(measure("enrich-hot", stageCommand(cp, jvm, bootstrap, redis.uri(), prefix, url, pg,
                    "bench-hot", "bench.in.hot"), bootstrap, "bench-hot", "bench.in.hot", records, lastPort, geo));
            geo.delayMillis = 0;
            results.add(measure("enrich-db90", stageCommand(cp, jvm, bootstrap, redis.uri(), prefix, url, pg,
                    "bench-db90", "bench.in.db90"), bootstrap, "bench-db90", "bench.in.db90", records, lastPort,
                    geo));
            geo.delayMillis = 20;
            results.add(measure("enrich-geo90", stageCommand(cp, jvm, bootstrap, redis.uri(), prefix, url, pg,
                    "bench-geo90", "bench.in.geo90"), bootstrap, "bench-geo90", "bench.in.geo90", records, lastPort,
                    geo));
            results.add(measure("passthrough-2", passthroughCommand(cp, jvm, bootstrap, "bench-pass-2"), bootstrap,
                    "bench-pass-2", "bench.in.hot", records, -1, geo));
            geo.close();
            report(records, jvm, results);
        }
    }

    static int lastPort;

    static List<String> jvmOptions() throws Exception {
        return JvmOptions.read(Path.of("stage-enrich/jvm.options"));
    }

    /** Hot users u0..u999 plus one cold user per record index (c<i>), all with a profile. */
    static void loadProfiles(String url, String user, String password, int records) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE user_profiles (user_id text PRIMARY KEY, age int, region text,"
                    + " subscription_tier text)");
            s.execute("INSERT INTO user_profiles SELECT 'u' || g, 20 + g % 50, 'eu', 'gold'"
                    + " FROM generate_series(0, " + (HOT_USERS - 1) + ") g");
            s.execute("INSERT INTO user_profiles SELECT 'c' || g, 30, 'us', 'free'"
                    + " FROM generate_series(0, " + records + ") g");
        }
    }

    /** ~200-byte events; {@code coldUserPct} / {@code coldIpPct} percent carry a user / IP seen nowhere else. */
    static void preload(String bootstrap, String topic, int records, int coldUserPct, int coldIpPct) {
        Preload.send(bootstrap, topic, records, i -> {
            boolean coldUser = i % 100 < coldUserPct;
            boolean coldIp = (i * 7) % 100 < coldIpPct;
            String user = coldUser ? "c" + i : "u" + (i % HOT_USERS);
            String ip = coldIp ? "11." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255)
                    : "10.0." + (i % HOT_IPS / 250) + "." + (i % 250);
            String json = "{\"event_id\":\"e-" + i + "\",\"user_id\":\"" + user + "\",\"event_type\":\"click\","
                    + "\"timestamp\":\"2024-05-01T10:00:00Z\",\"amount\":" + (i % 300) + ".5,\"ip_address\":\""
                    + ip + "\",\"page\":\"/p/" + (i % 1000) + "\"}";
            return new ProducerRecord<>(topic, user.getBytes(StandardCharsets.UTF_8),
                    json.getBytes(StandardCharsets.UTF_8));
        });
    }

    static void publish(String redisUri, String prefix, String geoEndpoint) {
        EnrichmentRuleSet rules = new EnrichmentRuleSet(List.of(
                new EnrichmentSource("user_profiles", SourceType.DATABASE, "profiles", null,
                        Durations.parse("1h"), null, 0, null, null),
                new EnrichmentSource("geo_location", SourceType.API, null, geoEndpoint, Durations.parse("1h"),
                        Durations.parse("2s"), 2, null, null)),
                List.of(new EnrichmentRule("user_profiles", "user_id", List.of("age", "region", "subscription_tier"),
                                null),
                        new EnrichmentRule("geo_location", "ip_address", List.of("country", "city"),
                                "ip_address IS NOT NULL")));
        RuleSnapshot snapshot = RuleSnapshot.ofEnrichment("advanced-streaming-pipeline", 1, Instant.now(), rules);
        try (RuleStore store = new RuleStore(redisUri, prefix)) {
            store.publish(snapshot);
        }
    }

    static List<String> passthroughCommand(String cp, List<String> jvm, String bootstrap, String group) {
        List<String> cmd = ChildJvm.java(jvm, cp);
        cmd.addAll(List.of("bench/stage-enrich/EnrichBench.java", "passthrough", bootstrap, group,
                "bench.in.hot"));
        return cmd;
    }

    static List<String> stageCommand(String cp, List<String> jvm, String bootstrap, String redisUri, String prefix,
                                     String url, PostgresServer pg, String group, String input) throws Exception {
        lastPort = FreePort.pick();
        Map<String, String> props = StageServiceSettings.of(bootstrap, "config/pipeline.yaml", group, input,
                "bench.out", "bench.dlq", 1, lastPort);
        props.keySet().removeAll(List.of("stage.threads", "stage.state-dir")); // the enrich loop's own defaults
        props.put("redis.uri", redisUri);
        props.put("rules.redis.prefix", prefix);
        props.put("enrich.allowed-api-hosts", "127.0.0.1");
        props.put("enrich.databases.profiles.match", "profiles");
        props.put("enrich.databases.profiles.jdbc-url", url);
        props.put("enrich.databases.profiles.username", pg.username());
        props.put("enrich.databases.profiles.password", pg.password());
        return ChildJvm.java(jvm, props, cp, "io.platform.etl.stage.enrich.Application");
    }

    record Result(String name, double rate, double seconds, long hwmKb, double dbQueries, double httpCalls,
                  double p99Millis) {
    }

    static Result measure(String name, List<String> cmd, String bootstrap, String group, String topic, int records,
                          int port, GeoService geo) throws Exception {
        Path log = Path.of("stage-enrich/target/bench-" + name + ".log");
        Process process = ChildJvm.start(cmd, log);
        try {
            String[] warm = {null};
            CommitWatch.Run run = CommitWatch.await(name, process, log, bootstrap, group, topic, records, RUN_LIMIT,
                    new CommitWatch.Hooks() {
                        @Override
                        public void onPoll(long count) throws Exception {
                            if (warm[0] == null && port > 0 && count >= records / 4) {
                                warm[0] = Prometheus.scrape(port);
                            }
                        }
                    });
            double queries = -1;
            double calls = -1;
            double p99 = -1;
            if (port > 0) {
                String metrics = Prometheus.scrape(port);
                queries = Prometheus.sample(metrics,
                        "enrichment_source_requests_total\\{[^}]*source=\"user_profiles\"[^}]*}", 0);
                calls = Prometheus.sample(metrics,
                        "enrichment_source_requests_total\\{[^}]*source=\"geo_location\"[^}]*}", 0);
                p99 = p99Millis(buckets(metrics), warm[0] == null ? List.of() : buckets(warm[0]));
            }
            Result r = new Result(name, run.rate(), run.seconds(), ProcStats.hwmKb(process.pid()), queries, calls, p99);
            System.out.printf("[%s] %s%n", name, r);
            return r;
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    static List<double[]> buckets(String metrics) {
        Matcher m = Pattern.compile("(?m)^processing_latency_seconds_bucket\\{[^}]*le=\"([^\"]+)\"[^}]*} ([0-9.eE+-]+)$")
                .matcher(metrics);
        List<double[]> buckets = new ArrayList<>();
        while (m.find()) {
            double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
            buckets.add(new double[] {le, Double.parseDouble(m.group(2))});
        }
        buckets.sort((a, b) -> Double.compare(a[0], b[0]));
        return buckets;
    }

    /**
     * p99 of processing_latency_seconds (upper bound of its histogram bucket) over the records after the first
     * quarter of the run ({@code warm}: the buckets then), so the cold start does not decide it.
     */
    static double p99Millis(List<double[]> end, List<double[]> warm) {
        double[] counts = new double[end.size()];
        for (int i = 0; i < end.size(); i++) {
            counts[i] = end.get(i)[1] - (warm.size() == end.size() ? warm.get(i)[1] : 0);
        }
        double total = counts.length == 0 ? 0 : counts[counts.length - 1];
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] >= 0.99 * total) {
                return end.get(i)[0] * 1000;
            }
        }
        return -1;
    }

    /** The baseline: consume → produce unchanged, one transaction per poll of up to 500 records. */
    static void passthrough(String bootstrap, String group, String input) {
        Map<String, Object> c = new HashMap<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500, ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 8388608));
        Map<String, Object> p = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, group + "-tx", ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4", ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 8388608L));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            producer.initTransactions();
            consumer.subscribe(List.of(input));
            while (true) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                producer.beginTransaction();
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    producer.send(new ProducerRecord<>("bench.out", null, r.key(), r.value(), r.headers()));
                    offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                }
                producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                producer.commitTransaction();
            }
        }
    }

    static void report(int records, List<String> jvm, List<Result> results) throws Exception {
        // The baseline ran first and last; the mean of both evens out the load drifting during the run.
        double base = results.stream().filter(r -> r.name().startsWith("passthrough"))
                .mapToDouble(Result::rate).average().orElseThrow();
        double hot = results.stream().filter(r -> r.name().equals("enrich-hot")).findFirst().orElseThrow().rate();
        StringBuilder b = new StringBuilder();
        b.append("Run of ").append(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                .append(": `bench/stage-enrich/run.sh ").append(records).append("` — ").append(String.format("%,d",
                        records)).append(" records per run, ").append(PARTITIONS)
                .append(" partitions, batches of up to 500, one loop thread. JVM flags (stage-enrich/jvm.options): `")
                .append(String.join(" ", jvm)).append("`.\n\n")
                .append("| run | rec/s | vs passthrough (mean of both) | vs enrich-hot | DB queries / 1,000 rec | geo calls / 1,000 rec"
                        + " | p99 processing latency (after the first quarter) | VmHWM |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Result r : results) {
            b.append(String.format("| %s | %,.0f | %.2f | %s | %s | %s | %s | %d MB |%n", r.name(), r.rate(),
                    r.rate() / base, r.name().startsWith("passthrough") ? "—" : String.format("%.2f", r.rate() / hot),
                    r.dbQueries() < 0 ? "—" : String.format("%.1f", r.dbQueries() * 1000 / records),
                    r.httpCalls() < 0 ? "—" : String.format("%.1f", r.httpCalls() * 1000 / records),
                    r.p99Millis() < 0 ? "—" : String.format("≤ %.0f ms", r.p99Millis()), r.hwmKb() / 1024));
        }
        System.out.println("\n" + b);
        Files.writeString(Path.of("stage-enrich/target/bench-report.md"), b.toString());
    }
}
