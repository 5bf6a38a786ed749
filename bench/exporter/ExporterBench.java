import io.micronaut.context.ApplicationContext;
import io.platform.etl.bench.kit.JvmOptions;
import io.platform.etl.bench.kit.ProcSampler;
import io.platform.etl.bench.kit.ProcStats;
import io.platform.etl.bench.kit.ReadmeFigures;
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
import org.postgresql.PGConnection;

/**
 * Price-exporter benchmark: seeds CLIENTS x PRODUCTS price rows with generate_series, measures
 * COPY (same query) TO STDOUT WITH CSV through pgjdbc's CopyManager, then runs the exporter as a separate
 * JVM (once mode, -Xmx given) for CSV and for XLSX, and a write-only JVM (CSV without upload), sampling
 * VmHWM from /proc/PID/status, each exporter run between two COPY runs. Writes the figures into the
 * generated block of bench/exporter/README.md (the text around it is kept). Usage: see run.sh.
 */
public final class ExporterBench {

    static final LocalDate RUN_DATE = LocalDate.of(2025, 3, 10);
    /** Discarded CSV exports that warm s3proxy (in this JVM) up before anything is measured. */
    static final int S3_WARM_UP_EXPORTS = 3;

    public static void main(String[] args) throws Exception {
        int clients = Integer.parseInt(arg(args, 0, "1000"));
        int products = Integer.parseInt(arg(args, 1, "1000"));
        String xmx = arg(args, 2, "96m");
        Path readme = Path.of(arg(args, 3, "bench/exporter/README.md"));
        // The jar, not target/classes: the JVM's class-data/AOT caches (-XX:AOTCache) only take jars.
        String classpath = Files.readString(Path.of("price-exporter/target/runtime-classpath.txt")).trim()
                + ":price-exporter/target/price-exporter-0.1.0-SNAPSHOT.jar";

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

            // Discarded: the first uploads JIT-compile s3proxy's request path in this JVM, which would be
            // charged to whichever exporter run came first. One export (1,000 PUTs) left this JVM's C2 busy for
            // 1.2-1.7 CPU-s during each of the next two runs; after three it is idle (bench/exporter/README.md).
            for (int i = 1; i <= S3_WARM_UP_EXPORTS; i++) {
                exporterJvm(classpath, xmx, env, "csv", "warm-up-" + i, c);
            }
            if (args.length > 4) { // only the given format lists, e.g. "xlsx" or "csv;write-only"; no report
                for (String formats : args[4].split(";")) {
                    runExporter(classpath, xmx, env, formats, c);
                }
                System.exit(0);
            }
            List<Run> runs = new ArrayList<>();
            // CSV five times, interleaved: the machine's speed drifts within minutes (single runs read 0.76-0.89
            // within a quarter of an hour); the median is reported.
            for (String formats : List.of("csv", "write-only", "csv", "xlsx", "csv", "csv,xlsx", "csv", "csv")) {
                runs.add(runExporter(classpath, xmx, env, formats, c));
            }
            String report = report(clients, products, xmx, copyRows, copyRows / copySeconds, runs, args);
            System.out.println(report);
            Files.writeString(readme, ReadmeFigures.between(readme, BEGIN, END, report), StandardCharsets.UTF_8);
        }
        System.exit(0);
    }

    /** One exporter JVM, with the COPY rate measured right before and right after it (the load varies). */
    record Run(String formats, int exit, long rows, long durationMs, long vmHwmKb, long wallMs, double cpuSeconds,
               double copyRate) {
        double rate() {
            return rows / (durationMs / 1000.0);
        }

        double ratio() {
            return rate() / copyRate;
        }
    }

    private static int runNumber;

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

    /** The exporter's query, client by client, COPY … TO STDOUT WITH CSV into a null stream; COPY's row count. */
    static long copyAll(Connection c) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM clients WHERE active ORDER BY code")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        var copy = c.unwrap(PGConnection.class).getCopyAPI();
        long rows = 0;
        for (long id : ids) {
            rows += copy.copyOut("COPY (" + PriceQuery.literal(id, RUN_DATE) + ") TO STDOUT WITH CSV",
                    OutputStream.nullOutputStream());
        }
        return rows;
    }

    static Run runExporter(String classpath, String xmx, Map<String, String> env, String formats, Connection c)
            throws Exception {
        double copyBefore = timedCopy(c);
        Run run = exporterJvm(classpath, xmx, env, formats, formats.replace(',', '-') + "-" + (++runNumber), c);
        double copyAfter = timedCopy(c);
        run = new Run(run.formats(), run.exit(), run.rows(), run.durationMs(), run.vmHwmKb(), run.wallMs(),
                run.cpuSeconds(), (copyBefore + copyAfter) / 2);
        System.out.printf(Locale.ROOT, "%s: %.0f rows/s, COPY before/after %.0f / %.0f rows/s, ratio %.2f,"
                + " exporter JVM CPU %.1f s, VmHWM %d MB%n", formats, run.rate(), copyBefore, copyAfter, run.ratio(),
                run.cpuSeconds(), run.vmHwmKb() / 1024);
        return run;
    }

    static double timedCopy(Connection c) throws Exception {
        long start = System.nanoTime();
        long rows = copyAll(c);
        return rows / ((System.nanoTime() - start) / 1e9);
    }

    /** The exporter's own JVM flags, price-exporter/jvm.options. */
    static List<String> jvmOptions() throws java.io.IOException {
        return JvmOptions.read(Path.of("price-exporter/jvm.options"));
    }

    static Run exporterJvm(String classpath, String xmx, Map<String, String> env, String formats, String prefix,
                           Connection c) throws Exception {
        boolean writeOnly = formats.equals("write-only");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions());
        command.add("-Xmx" + xmx);
        String extra = System.getenv().getOrDefault("EXPORTER_JAVA_OPTS", "").replace("%f", formats.replace(',', '-'));
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        if (writeOnly) {
            command.addAll(List.of("-cp", classpath + ":" + System.getProperty("java.class.path"),
                    Path.of("bench/exporter/WriteOnlyExport.java").toString()));
        } else {
            command.addAll(List.of("-cp", classpath, "io.platform.etl.exporter.Application", "--once"));
        }
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.environment().putIfAbsent("MALLOC_ARENA_MAX", "2"); // as price-exporter/jvm.options asks
        pb.environment().put("OUTPUT_FORMATS", writeOnly ? "csv" : formats);
        pb.environment().put("STORAGE_PREFIX", prefix);
        pb.redirectErrorStream(true);
        long start = System.nanoTime();
        Process p = pb.start();
        ProcSampler sampler = ProcSampler.start(p);
        long[] writeOnlyResult = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("WRITE-ONLY ")) {
                    String[] kv = line.split("[ =]");
                    writeOnlyResult = new long[] {Long.parseLong(kv[2]), Long.parseLong(kv[4])};
                } else if (!line.startsWith("{")) {
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
        if (writeOnly) {
            if (exit != 0 || writeOnlyResult == null) {
                throw new IllegalStateException("write-only run failed (exit " + exit + ")");
            }
            return new Run(formats, exit, writeOnlyResult[0], writeOnlyResult[1], sampler.peakHwmKb(), wallMs,
                    sampler.cpuSeconds(), 0);
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT rows_exported, duration_ms FROM export_runs WHERE destination LIKE '%/" + prefix
                        + "/' AND status = 'SUCCEEDED' ORDER BY started_at DESC LIMIT 1")) {
            if (!rs.next()) {
                throw new IllegalStateException("exporter run for " + formats + " did not succeed (exit " + exit + ")");
            }
            Run run = new Run(formats, exit, rs.getLong(1), rs.getLong(2), sampler.peakHwmKb(), wallMs,
                    sampler.cpuSeconds(), 0);
            System.out.printf(Locale.ROOT, "exporter %s: exit %d, %d rows in %.2f s = %.0f rows/s, VmHWM %d MB%n",
                    formats, exit, run.rows(), run.durationMs() / 1000.0, run.rate(), run.vmHwmKb() / 1024);
            return run;
        }
    }

    static final String BEGIN = "<!-- generated by ExporterBench: begin -->";
    static final String END = "<!-- generated by ExporterBench: end -->";

    static String report(int clients, int products, String xmx, long copyRows, double copyRate, List<Run> runs,
                         String[] args) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Run on %s, %d cores shared with other builds"
                        + " (load average at the end: %s), JDK %s.%n%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), ProcStats.loadAverage() + " (1 / 5 / 15 min)", System.getProperty("java.version")));
        sb.append(String.format(Locale.ROOT, "Data: %d clients x %d active products = %d price rows (a third with a"
                + " client price, some expired), run date %s. Embedded PostgreSQL and s3proxy from the test kit, on"
                + " the same machine as the exporter.%n%n", clients, products, (long) clients * products, RUN_DATE));
        sb.append(String.format(Locale.ROOT, "First COPY (same query) TO STDOUT WITH CSV, per client, in-process:"
                + " %d rows, %.0f rows/s. Every exporter run below is bracketed by two more COPY runs; its ratio is"
                + " against their mean. %d discarded CSV exports before them warm s3proxy up.%n%n", copyRows, copyRate,
                S3_WARM_UP_EXPORTS));
        sb.append("| exporter run (separate JVM, -Xmx" + xmx + ") | rows | seconds | rows/s | COPY rows/s around it"
                + " | ratio | exporter JVM CPU s | peak RSS (VmHWM) |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Run r : runs) {
            String what = r.formats().equals("write-only")
                    ? "CSV: COPY + file + SHA-256 on the same lanes, **no upload**"
                    : "`OUTPUT_FORMATS=" + r.formats() + "`, incl. upload";
            // the write-only JVM also compiles this source file (java launcher source mode): its RSS and CPU
            // are not the exporter's
            boolean wo = r.formats().equals("write-only");
            sb.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.0f | %.0f | **%.2f** | %s | %s |%n",
                    what, r.rows(), r.durationMs() / 1000.0, r.rate(), r.copyRate(), r.ratio(),
                    String.format(Locale.ROOT, wo ? "(%.1f)" : "%.1f", r.cpuSeconds()),
                    wo ? "(" + r.vmHwmKb() / 1024 + " MB)" : r.vmHwmKb() / 1024 + " MB"));
        }
        double[] csvRatios = runs.stream().filter(r -> r.formats().equals("csv")).mapToDouble(Run::ratio).sorted().toArray();
        if (csvRatios.length > 0) {
            sb.append(String.format(Locale.ROOT, "%n**CSV incl. upload / COPY, median of %d runs: %.2f** (%s).%n",
                    csvRatios.length, csvRatios[csvRatios.length / 2],
                    java.util.Arrays.stream(csvRatios).mapToObj(v -> String.format(Locale.ROOT, "%.2f", v))
                            .collect(java.util.stream.Collectors.joining(", "))));
        }
        String flags;
        try {
            flags = String.join(" ", jvmOptions());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        sb.append("\nExporter JVM flags (`price-exporter/jvm.options`, then the XMX argument): `" + flags + " -Xmx" + xmx
                + " " + System.getenv().getOrDefault("EXPORTER_JAVA_OPTS", "") + "`, with `MALLOC_ARENA_MAX=2`.\n\n");
        sb.append("Exporter seconds are `export_runs.duration_ms` (lock to manifest: COPY or rows from the snapshot on"
                + " EXPORT_READERS lanes (default 2, each its own connection; the COPY baseline is one stream), file"
                + " writing, SHA-256, upload to s3proxy over HTTP, export_progress), without JVM start; write-only seconds are the same"
                + " loop without upload, from snapshot open to the last file. COPY writes into a null stream in the"
                + " benchmark JVM. Exporter JVM CPU is user + system time of the whole process (JVM start, JIT and"
                + " GC included; the last sample, every 100 ms, before exit). Figures in parentheses are not the"
                + " exporter's: the write-only JVM also compiles WriteOnlyExport.java (source launcher).\n\n");
        sb.append("Command (from the repository root):\n\n```\n"
                + (System.getenv("EXPORTER_JAVA_OPTS") == null ? "" : "EXPORTER_JAVA_OPTS=\"" + System.getenv("EXPORTER_JAVA_OPTS") + "\" ")
                + "bench/exporter/run.sh " + String.join(" ", args) + "\n```\n");
        return sb.toString();
    }

    private static String arg(String[] args, int i, String def) {
        return args.length > i ? args[i] : def;
    }
}
