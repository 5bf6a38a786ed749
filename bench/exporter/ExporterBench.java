import io.micronaut.context.ApplicationContext;
import io.platform.etl.exporter.catalog.PriceQuery;
import io.platform.etl.testkit.PostgresServer;
import io.platform.etl.testkit.S3Server;
import io.platform.etl.testkit.TestInfra;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;

/**
 * Price-exporter benchmark: seeds CLIENTS x PRODUCTS price rows with generate_series, measures
 * COPY (same query) TO STDOUT WITH CSV through pgjdbc's CopyManager, then runs the exporter as a separate
 * JVM (once mode, -Xmx given) for CSV and for XLSX, sampling VmHWM from /proc/PID/status. Writes the
 * figures to bench/exporter/README.md. Usage: see run.sh.
 */
public final class ExporterBench {

    static final LocalDate RUN_DATE = LocalDate.of(2025, 3, 10);

    public static void main(String[] args) throws Exception {
        int clients = Integer.parseInt(arg(args, 0, "1000"));
        int products = Integer.parseInt(arg(args, 1, "1000"));
        String xmx = arg(args, 2, "96m");
        Path readme = Path.of(arg(args, 3, "bench/exporter/README.md"));
        String classpath = Files.readString(Path.of("price-exporter/target/runtime-classpath.txt")).trim()
                + ":price-exporter/target/classes";

        TestInfra infra = TestInfra.shared();
        PostgresServer pg = infra.postgres();
        S3Server s3 = infra.s3();
        String db = pg.createDatabase("bench");
        String bucket = TestInfra.uniqueName("bench");
        s3.createBucket(bucket);
        Map<String, String> env = new HashMap<>(Map.of(
                "DB_HOST", pg.host(), "DB_PORT", Integer.toString(pg.port()), "DB_NAME", db,
                "DB_USER", pg.username(), "DB_PASSWORD", pg.password(),
                "STORAGE_ENDPOINT", s3.endpoint().toString(), "STORAGE_REGION", s3.region(),
                "STORAGE_ACCESS_KEY", s3.accessKey(), "STORAGE_SECRET_KEY", s3.secretKey()));
        env.putAll(Map.of("STORAGE_BUCKET", bucket, "RUN_DATE", RUN_DATE.toString(),
                "EXPORT_PROGRESS_INTERVAL", "2s", "EXPORT_MODE", "once"));

        migrate(pg.jdbcUrl(db), pg.username(), pg.password());
        long seedStart = System.nanoTime();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(db), pg.username(), pg.password())) {
            seed(c, clients, products);
            long copyRows;
            long copyStart = System.nanoTime();
            copyRows = copyAll(c);
            double copySeconds = (System.nanoTime() - copyStart) / 1e9;
            System.out.printf(Locale.ROOT, "seeded in %.1f s; COPY baseline: %d rows in %.2f s = %.0f rows/s%n",
                    (System.nanoTime() - seedStart) / 1e9 - copySeconds, copyRows, copySeconds, copyRows / copySeconds);

            if (args.length > 4) { // only the given format lists, e.g. "xlsx" or "csv;xlsx"; no report
                for (String formats : args[4].split(";")) {
                    runExporter(classpath, xmx, env, formats, formats.replace(',', '-'), c);
                }
                System.exit(0);
            }
            Run csv = runExporter(classpath, xmx, env, "csv", "csv", c);
            Run xlsx = runExporter(classpath, xmx, env, "xlsx", "xlsx", c);
            Run both = runExporter(classpath, xmx, env, "csv,xlsx", "both", c);
            String report = report(clients, products, xmx, copyRows, copyRows / copySeconds, csv, xlsx, both, args);
            System.out.println(report);
            Files.writeString(readme, report, StandardCharsets.UTF_8);
        }
        System.exit(0);
    }

    record Run(String formats, int exit, long rows, long durationMs, long vmHwmKb, long wallMs) {
        double rate() {
            return rows / (durationMs / 1000.0);
        }
    }

    static void migrate(String url, String user, String password) throws Exception {
        try (ApplicationContext ctx = ApplicationContext.builder().deduceEnvironment(false).properties(Map.of(
                "datasources.default.url", url, "datasources.default.username", user,
                "datasources.default.password", password, "exporter.mode", "once",
                "exporter.storage.bucket", "unused")).start()) {
            ctx.getBean(javax.sql.DataSource.class).getConnection().close();
        }
    }

    static void seed(Connection c, int clients, int products) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute("""
                    INSERT INTO categories (id, parent_id, name) SELECT g, NULL, 'Раздел ' || g FROM generate_series(1, 10) g;
                    INSERT INTO categories (id, parent_id, name) SELECT 10 + g, 1 + g % 10, 'Sub, ' || g FROM generate_series(1, 90) g;
                    """);
            st.execute("INSERT INTO products (sku, name, category_id, base_price, currency)"
                    + " SELECT 'SKU-' || lpad(g::text, 7, '0'), 'Товар \"' || g || '\", size ' || g % 50, 11 + g % 90,"
                    + " round((1 + random() * 1000)::numeric, 2), 'RUB' FROM generate_series(1, " + products + ") g");
            st.execute("INSERT INTO clients (code, name) SELECT 'CL' || lpad(g::text, 5, '0'), 'Client ' || g"
                    + " FROM generate_series(1, " + clients + ") g");
            // about a third of the pairs have a client price; a seventh of those expired before the run date
            st.execute("""
                    INSERT INTO client_prices (client_id, product_id, price, valid_from, valid_to)
                    SELECT c.id, p.id, round(p.base_price * 0.9, 2), DATE '2025-01-01',
                           CASE WHEN (c.id + p.id) % 7 = 0 THEN DATE '2025-03-01' END
                    FROM clients c CROSS JOIN products p WHERE (c.id * 31 + p.id) % 3 = 0""");
            st.execute("ANALYZE");
        }
    }

    /** The exporter's query, client by client, through COPY … TO STDOUT WITH CSV into a byte counter. */
    static long copyAll(Connection c) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM clients WHERE active ORDER BY code")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        var copy = c.unwrap(PGConnection.class).getCopyAPI();
        AtomicLong newlines = new AtomicLong();
        OutputStream counter = new OutputStream() {
            @Override public void write(int b) {
                if (b == '\n') {
                    newlines.incrementAndGet();
                }
            }

            @Override public void write(byte[] b, int off, int len) {
                long n = 0;
                for (int i = off; i < off + len; i++) {
                    if (b[i] == '\n') {
                        n++;
                    }
                }
                newlines.addAndGet(n);
            }
        };
        for (long id : ids) {
            copy.copyOut("COPY (" + PriceQuery.literal(id, RUN_DATE) + ") TO STDOUT WITH CSV", counter);
        }
        return newlines.get();
    }

    static Run runExporter(String classpath, String xmx, Map<String, String> env, String formats, String prefix,
                           Connection c) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + xmx, "-XX:+UseSerialGC", "-Xss512k", "-XX:ReservedCodeCacheSize=64m"));
        String extra = System.getenv().getOrDefault("EXPORTER_JAVA_OPTS", "").replace("%f", formats.replace(',', '-'));
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", classpath, "io.platform.etl.exporter.Application", "--once"));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.environment().put("OUTPUT_FORMATS", formats);
        pb.environment().put("STORAGE_PREFIX", prefix);
        pb.redirectErrorStream(true);
        long start = System.nanoTime();
        Process p = pb.start();
        AtomicLong hwm = new AtomicLong();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            Path status = Path.of("/proc/" + p.pid() + "/status");
            while (p.isAlive()) {
                try {
                    for (String line : Files.readAllLines(status)) {
                        if (line.startsWith("VmHWM:")) {
                            hwm.accumulateAndGet(Long.parseLong(line.replaceAll("\\D", "")), Math::max);
                        }
                    }
                    Thread.sleep(100);
                } catch (Exception e) {
                    return; // process gone
                }
            }
        });
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (!line.startsWith("{")) {
                    System.out.println("[" + formats + "] " + line); // not a log line: JVM diagnostics
                } else if (line.contains("Progress:") || line.contains("succeeded") || line.contains("\"ERROR\"")) {
                    System.out.println("[" + formats + " " + LocalDateTime.now().toLocalTime().withNano(0) + "] "
                            + line.replaceAll(".*\"message\":\"([^\"]*)\".*", "$1"));
                }
            }
        }
        int exit = p.waitFor();
        sampler.join();
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT rows_exported, duration_ms FROM export_runs WHERE destination LIKE '%/" + prefix
                        + "/' AND status = 'SUCCEEDED' ORDER BY started_at DESC LIMIT 1")) {
            if (!rs.next()) {
                throw new IllegalStateException("exporter run for " + formats + " did not succeed (exit " + exit + ")");
            }
            Run run = new Run(formats, exit, rs.getLong(1), rs.getLong(2), hwm.get(), wallMs);
            System.out.printf(Locale.ROOT, "exporter %s: exit %d, %d rows in %.2f s = %.0f rows/s, VmHWM %d MB%n",
                    formats, exit, run.rows(), run.durationMs() / 1000.0, run.rate(), run.vmHwmKb() / 1024);
            return run;
        }
    }

    static String report(int clients, int products, String xmx, long copyRows, double copyRate, Run csv, Run xlsx,
                         Run both, String[] args) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Price exporter benchmark\n\n");
        sb.append(String.format(Locale.ROOT, "Generated by `ExporterBench` on %s, %d cores shared with other builds"
                        + " (load average at the end: %s), JDK %s.%n%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), loadAverage(), System.getProperty("java.version")));
        sb.append(String.format(Locale.ROOT, "Data: %d clients x %d active products = %d price rows (a third with a"
                + " client price, some expired), run date %s. Embedded PostgreSQL and s3proxy from the test kit, on"
                + " the same machine as the exporter.%n%n", clients, products, (long) clients * products, RUN_DATE));
        sb.append("| measurement | rows | seconds | rows/s | peak RSS (VmHWM) |\n|---|---:|---:|---:|---:|\n");
        sb.append(String.format(Locale.ROOT, "| `COPY (same query) TO STDOUT WITH CSV`, per client, in-process | %d | %.2f | %.0f | – |%n",
                copyRows, copyRows / copyRate, copyRate));
        for (Run r : List.of(csv, xlsx, both)) {
            sb.append(String.format(Locale.ROOT, "| exporter `OUTPUT_FORMATS=%s` (separate JVM, -Xmx%s), incl. upload | %d | %.2f | %.0f | %d MB |%n",
                    r.formats(), xmx, r.rows(), r.durationMs() / 1000.0, r.rate(), r.vmHwmKb() / 1024));
        }
        sb.append(String.format(Locale.ROOT, "%nCSV / COPY ratio: **%.2f** (target >= 0.8). XLSX / COPY: %.2f. "
                + "Peak RSS target < 256 MB: %s.%n%n", csv.rate() / copyRate, xlsx.rate() / copyRate,
                Math.max(csv.vmHwmKb(), Math.max(xlsx.vmHwmKb(), both.vmHwmKb())) / 1024 < 256 ? "met" : "NOT met"));
        sb.append("Exporter JVM flags: `-Xmx" + xmx + " -XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=64m "
                + System.getenv().getOrDefault("EXPORTER_JAVA_OPTS", "") + "`.\n\n");
        sb.append("Exporter seconds are `export_runs.duration_ms` (lock to manifest: query, file writing, SHA-256,"
                + " upload), without JVM start. COPY writes to a byte counter in the benchmark JVM, so it pays"
                + " neither file writing nor upload.\n\n");
        sb.append("Command (from the repository root):\n\n```\nbench/exporter/run.sh " + String.join(" ", args) + "\n```\n");
        return sb.toString();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+", 4)[0] + " / "
                    + Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+", 4)[1] + " (1 / 5 min)";
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static String arg(String[] args, int i, String def) {
        return args.length > i ? args[i] : def;
    }
}
