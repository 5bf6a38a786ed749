import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.platform.etl.model.rules.publish.RuleJson;
import io.platform.etl.model.rules.publish.RuleKeys;
import io.platform.etl.testkit.PostgresServer;
import io.platform.etl.testkit.TestInfra;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rules API benchmark: starts the test kit's PostgreSQL, Redis and OIDC provider and the service in this JVM, then
 * (1) GET /api/v1/filter-rules with a valid JWT vs GET /health/liveness (no auth, no database) with the same
 * client concurrency for a fixed time each, and (2) write → Redis publish latency (POST until the notice arrives on
 * the changes channel), sequentially. Prints a live rate and writes the figures to bench/rules-api/README.md.
 */
public final class RulesApiBench {

    private static final String PIPELINE = "p-bench";

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args.length > 0 ? args[0] : "10");
        int concurrency = Integer.parseInt(args.length > 1 ? args[1] : "16");
        int writes = Integer.parseInt(args.length > 2 ? args[2] : "200");
        TestInfra infra = TestInfra.shared();
        PostgresServer pg = infra.postgres();
        String db = pg.createDatabase("bench");
        String prefix = TestInfra.uniqueName("bench");
        Map<String, Object> props = new HashMap<>();
        props.put("datasources.default.url", pg.jdbcUrl(db));
        props.put("datasources.default.username", pg.username());
        props.put("datasources.default.password", pg.password());
        props.put("redis.uri", infra.redis().uri());
        props.put("rules.redis.prefix", prefix);
        props.put("rules.security.issuer", infra.oidc().issuer());
        props.put("rules.pipelines", PIPELINE);
        props.put("micronaut.server.port", "-1");
        try (ApplicationContext ctx = ApplicationContext.run(props)) {
            EmbeddedServer server = ctx.getBean(EmbeddedServer.class).start();
            URI base = URI.create(server.getURL().toString());
            String token = infra.oidc().token("bench", List.of("rules-writer"));
            HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
            post(http, base, token, 0);
            URI rules = base.resolve("/api/v1/filter-rules?pipeline=" + PIPELINE);
            URI bare = base.resolve("/health/liveness");
            run("warm-up", http, rules, token, 3, concurrency);
            run("warm-up", http, bare, null, 3, concurrency);
            double rulesRate = run("GET filter-rules (JWT)", http, rules, token, seconds, concurrency);
            double bareRate = run("GET /health/liveness", http, bare, null, seconds, concurrency);
            List<Double> latencies = publishLatencies(http, base, token, infra.redis().uri(), prefix, writes);
            report(seconds, concurrency, writes, rulesRate, bareRate, latencies);
        }
        System.exit(0);
    }

    private static double run(String name, HttpClient http, URI uri, String token, int seconds, int concurrency)
            throws Exception {
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            pool.submit(() -> {
                try {
                    while (System.nanoTime() < end) {
                        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
                        if (token != null) {
                            b.header("Authorization", "Bearer " + token);
                        }
                        int status = http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                        (status == 200 ? ok : failed).incrementAndGet();
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
        }
        long start = System.nanoTime();
        long last = 0;
        while (!done.await(1, TimeUnit.SECONDS)) {
            long now = ok.get();
            System.out.printf(Locale.ROOT, "  %-24s %7d req/s (total %d, failed %d)%n", name, now - last, now,
                    failed.get());
            last = now;
        }
        pool.shutdown();
        double rate = ok.get() / ((System.nanoTime() - start) / 1e9);
        System.out.printf(Locale.ROOT, "%s: %.0f req/s, %d failed%n", name, rate, failed.get());
        if (failed.get() > 0 && !name.equals("warm-up")) {
            throw new IllegalStateException(name + ": " + failed.get() + " failed requests");
        }
        return rate;
    }

    private static int post(HttpClient http, URI base, String token, int n) throws Exception {
        String body = "{\"pipeline\":\"" + PIPELINE + "\",\"rules\":[{\"id\":\"r" + n
                + "\",\"field\":\"event_type\",\"operator\":\"in\",\"values\":[\"click\",\"view\"]}]}";
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/filter-rules"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new IllegalStateException("write failed: " + res.statusCode() + " " + res.body());
        }
        return (int) RuleJson.readTree(res.body()).path("version").asLong();
    }

    private static List<Double> publishLatencies(HttpClient http, URI base, String token, String redisUri,
                                                 String prefix, int writes) throws Exception {
        Map<Long, Long> arrived = new ConcurrentHashMap<>();
        RedisClient client = RedisClient.create(redisUri);
        List<Double> latencies = new ArrayList<>();
        try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub()) {
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    arrived.put(RuleJson.readNotice(message).version(), System.nanoTime());
                }
            });
            sub.sync().subscribe(new RuleKeys(prefix).changesChannel());
            for (int i = 1; i <= writes; i++) {
                long start = System.nanoTime();
                long version = post(http, base, token, i);
                long deadline = start + TimeUnit.SECONDS.toNanos(10);
                while (!arrived.containsKey(version)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("notice of version " + version + " never arrived");
                    }
                    Thread.onSpinWait();
                }
                latencies.add((arrived.get(version) - start) / 1e6);
                if (i % 50 == 0) {
                    System.out.printf(Locale.ROOT, "  write->publish %d/%d, last %.1f ms%n", i, writes,
                            latencies.getLast());
                }
            }
        } finally {
            client.shutdown();
        }
        Collections.sort(latencies);
        return latencies;
    }

    private static double pct(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static void report(int seconds, int concurrency, int writes, double rulesRate, double bareRate,
                               List<Double> lat) throws Exception {
        String figures = String.format(Locale.ROOT, """
                | measure | value |
                | --- | --- |
                | GET /api/v1/filter-rules with JWT (req/s) | %.0f |
                | GET /health/liveness, no auth (req/s) | %.0f |
                | ratio rules/bare | %.2f |
                | write → notice on Redis channel p50 (ms) | %.1f |
                | write → notice on Redis channel p99 (ms) | %.1f |
                | write → notice max (ms) | %.1f |
                """, rulesRate, bareRate, rulesRate / bareRate, pct(lat, 0.50), pct(lat, 0.99), lat.getLast());
        System.out.println(figures);
        String readme = """
                # rules-api benchmark

                What it measures (one JVM: the test kit's embedded PostgreSQL, Redis and OIDC provider, the service
                and the load generator, so absolute numbers are pessimistic on a 2-core machine):

                1. GET throughput of `/api/v1/filter-rules?pipeline=p-bench` with a valid RS256 JWT (JWKS validation,
                   role check, one PostgreSQL read) against the same service's bare `/health/liveness` (no auth, no
                   database), same client concurrency, %d s each after a 3 s warm-up. The ratio is the cost of
                   auth + database + JSON per read.
                2. Write → publish latency: POST a new filter rule set, then wait for its notice on the Redis
                   changes channel (commit + outbox row + relay nudge + `PublishScript` EVAL + pub/sub delivery), %d
                   sequential writes.

                Command (from the repository root):

                    bench/rules-api/run.sh %d %d %d

                Last run (concurrency %d):

                %s
                """.formatted(seconds, writes, seconds, concurrency, writes, concurrency, figures);
        Files.writeString(Path.of("bench/rules-api/README.md"), readme);
    }
}
