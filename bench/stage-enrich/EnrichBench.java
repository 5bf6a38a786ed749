import com.sun.net.httpserver.HttpServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.platform.etl.model.duration.Durations;
import io.platform.etl.model.rules.enrich.EnrichmentRule;
import io.platform.etl.model.rules.enrich.EnrichmentRuleSet;
import io.platform.etl.model.rules.enrich.EnrichmentSource;
import io.platform.etl.model.rules.enrich.SourceType;
import io.platform.etl.model.rules.publish.PublishScript;
import io.platform.etl.model.rules.publish.RuleJson;
import io.platform.etl.model.rules.publish.RuleKeys;
import io.platform.etl.model.rules.publish.RuleSnapshot;
import io.platform.etl.testkit.FreePort;
import io.platform.etl.testkit.KafkaBroker;
import io.platform.etl.testkit.PostgresServer;
import io.platform.etl.testkit.RedisServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
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
        return Files.readString(Path.of("stage-enrich/jvm.options")).lines()
                .map(l -> l.contains("#") ? l.substring(0, l.indexOf('#')) : l)
                .flatMap(l -> Arrays.stream(l.trim().split("\\s+"))).filter(s -> !s.isEmpty()).toList();
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
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 262144,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < records; i++) {
                boolean coldUser = i % 100 < coldUserPct;
                boolean coldIp = (i * 7) % 100 < coldIpPct;
                String user = coldUser ? "c" + i : "u" + (i % HOT_USERS);
                String ip = coldIp ? "11." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255)
                        : "10.0." + (i % HOT_IPS / 250) + "." + (i % 250);
                String json = "{\"event_id\":\"e-" + i + "\",\"user_id\":\"" + user + "\",\"event_type\":\"click\","
                        + "\"timestamp\":\"2024-05-01T10:00:00Z\",\"amount\":" + (i % 300) + ".5,\"ip_address\":\""
                        + ip + "\",\"page\":\"/p/" + (i % 1000) + "\"}";
                p.send(new ProducerRecord<>(topic, user.getBytes(StandardCharsets.UTF_8),
                        json.getBytes(StandardCharsets.UTF_8)));
            }
            p.flush();
        }
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
        RuleKeys keys = new RuleKeys(prefix);
        RedisClient client = RedisClient.create(redisUri);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().eval(PublishScript.LUA, ScriptOutputType.INTEGER,
                    new String[] {keys.snapshotKey(snapshot.pipeline(), snapshot.kind()), keys.changesChannel()},
                    RuleJson.write(snapshot), "1", RuleJson.write(snapshot.notice()));
        } finally {
            client.shutdown();
        }
    }

    static List<String> java(List<String> jvm, String cp) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", cp));
        return cmd;
    }

    static List<String> passthroughCommand(String cp, List<String> jvm, String bootstrap, String group) {
        List<String> cmd = java(jvm, cp);
        cmd.addAll(List.of("bench/stage-enrich/EnrichBench.java", "passthrough", bootstrap, group,
                "bench.in.hot"));
        return cmd;
    }

    static List<String> stageCommand(String cp, List<String> jvm, String bootstrap, String redisUri, String prefix,
                                     String url, PostgresServer pg, String group, String input) {
        lastPort = FreePort.pick();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("kafka.bootstrap.servers", bootstrap);
        props.put("kafka.security-protocol", "PLAINTEXT");
        props.put("redis.uri", redisUri);
        props.put("rules.redis.prefix", prefix);
        props.put("pipeline.spec", "config/pipeline.yaml");
        props.put("stage.application-id", group);
        props.put("stage.instance-id", group);
        props.put("stage.topics.input", input);
        props.put("stage.topics.output", "bench.out");
        props.put("stage.topics.dead-letter", "bench.dlq");
        props.put("micronaut.server.port", Integer.toString(lastPort));
        props.put("enrich.allowed-api-hosts", "127.0.0.1");
        props.put("enrich.databases.profiles.match", "profiles");
        props.put("enrich.databases.profiles.jdbc-url", url);
        props.put("enrich.databases.profiles.username", pg.username());
        props.put("enrich.databases.profiles.password", pg.password());
        List<String> cmd = java(jvm, cp);
        props.forEach((k, v) -> cmd.add(cmd.size() - 2, "-D" + k + "=" + v));
        cmd.add("io.platform.etl.stage.enrich.Application");
        return cmd;
    }

    record Result(String name, double rate, double seconds, long hwmKb, double dbQueries, double httpCalls,
                  double p99Millis) {
    }

    static Result measure(String name, List<String> cmd, String bootstrap, String group, String topic, int records,
                          int port, GeoService geo) throws Exception {
        Path log = Path.of("stage-enrich/target/bench-" + name + ".log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            long firstNanos = 0;
            long firstCount = 0;
            long count = 0;
            long lastPrint = System.nanoTime();
            long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
            String warm = null;
            while (count < records && System.nanoTime() < deadline && process.isAlive()) {
                Thread.sleep(100);
                count = committed(admin, group, topic);
                if (firstNanos == 0 && count > 0) {
                    firstNanos = System.nanoTime();
                    firstCount = count;
                }
                if (warm == null && port > 0 && count >= records / 4) {
                    warm = scrape(port);
                }
                if (System.nanoTime() - lastPrint > 2_000_000_000L) {
                    System.out.printf("[%s] %,d / %,d committed%n", name, count, records);
                    lastPrint = System.nanoTime();
                }
            }
            if (count < records) {
                throw new IllegalStateException(name + ": only " + count + " of " + records + " committed; see "
                        + log);
            }
            double seconds = (System.nanoTime() - firstNanos) / 1e9;
            double rate = (count - firstCount) / seconds;
            double queries = -1;
            double calls = -1;
            double p99 = -1;
            if (port > 0) {
                String metrics = scrape(port);
                queries = sample(metrics, "enrichment_source_requests_total\\{[^}]*source=\"user_profiles\"[^}]*}");
                calls = sample(metrics, "enrichment_source_requests_total\\{[^}]*source=\"geo_location\"[^}]*}");
                p99 = p99Millis(buckets(metrics), warm == null ? List.of() : buckets(warm));
            }
            Result r = new Result(name, rate, seconds, hwmKb(process.pid()), queries, calls, p99);
            System.out.printf("[%s] done: %,.0f rec/s over %.1f s, %s%n", name, rate, seconds, r);
            return r;
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    static double sample(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    static String scrape(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
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

    static long committed(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                .filter(e -> e.getValue() != null).mapToLong(e -> e.getValue().offset()).sum();
    }

    static long hwmKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
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

    /** The geo stand-in: answers every address after {@code delayMillis}; counts calls. */
    static final class GeoService implements AutoCloseable {
        final HttpServer server;
        final AtomicLong calls = new AtomicLong();
        volatile int delayMillis;

        GeoService() throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/location", exchange -> {
                calls.incrementAndGet();
                try (exchange) {
                    if (delayMillis > 0) {
                        Thread.sleep(delayMillis);
                    }
                    byte[] body = "{\"country\":\"DE\",\"city\":\"Berlin\"}".getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            server.start();
        }

        String endpoint() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/location";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
