package io.platform.etl.exporter;

import io.micronaut.context.ApplicationContext;
import io.platform.etl.exporter.run.ExportJob;
import io.platform.etl.exporter.run.ExportResult;
import io.platform.etl.testkit.Component;
import io.platform.etl.testkit.TestInfra;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/** One database (migrated by the first context) and one bucket per test class, plus helpers. */
final class ExporterFixture implements AutoCloseable {

    static final LocalDate RUN_DATE = LocalDate.of(2025, 3, 10);

    final Map<String, Object> base = new HashMap<>();
    final String bucket = TestInfra.uniqueName("prices");
    final S3Client s3 = TestInfra.shared().s3().client();
    private final String jdbcUrl;
    private final String user;
    private final String password;

    ExporterFixture(Object owner) throws Exception {
        Map<String, String> infra = TestInfra.properties(owner, Component.POSTGRES, Component.S3);
        TestInfra.shared().s3().createBucket(bucket);
        base.putAll(infra);
        jdbcUrl = infra.get("datasources.default.url");
        user = infra.get("datasources.default.username");
        password = infra.get("datasources.default.password");
        base.put("exporter.mode", "once");
        base.put("exporter.storage.endpoint", infra.get("testkit.s3.endpoint"));
        base.put("exporter.storage.region", infra.get("testkit.s3.region"));
        base.put("exporter.storage.access-key", infra.get("testkit.s3.access-key"));
        base.put("exporter.storage.secret-key", infra.get("testkit.s3.secret-key"));
        base.put("exporter.storage.bucket", bucket);
        base.put("exporter.run-date", RUN_DATE.toString());
        base.put("exporter.lock-wait", "2s");
        base.put("exporter.work-dir", Files.createTempDirectory("exporter-it").toString());
        // Migrate the class's database now, so tests can seed the catalog before their first export.
        try (ApplicationContext context = start(Map.of())) {
            context.getBean(javax.sql.DataSource.class).getConnection().close();
        }
    }

    /** A fixture whose database holds {@link CatalogSeed#golden} (what most export tests start from). */
    static ExporterFixture withGoldenCatalog(Object owner) throws Exception {
        ExporterFixture fx = new ExporterFixture(owner);
        try (Connection c = fx.connect()) {
            CatalogSeed.golden(c);
        }
        return fx;
    }

    /** Base properties with a fresh storage prefix (its own resume scope) and the given overrides. */
    Map<String, Object> props(String prefix, Object... overrides) {
        Map<String, Object> p = new HashMap<>(base);
        p.put("exporter.storage.prefix", prefix);
        for (int i = 0; i < overrides.length; i += 2) {
            p.put((String) overrides[i], overrides[i + 1]);
        }
        return p;
    }

    ApplicationContext start(Map<String, Object> props) {
        Map<String, Object> p = new HashMap<>(base);
        p.putAll(props);
        return ApplicationContext.builder().properties(p).deduceEnvironment(false).start();
    }

    /** One export in a context of its own (as a CronJob pod would). */
    ExportResult export(Map<String, Object> props) throws Exception {
        try (ApplicationContext context = start(props)) {
            return context.getBean(ExportJob.class).run();
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    byte[] object(String key) {
        ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
        return bytes.asByteArray();
    }

    HeadObjectResponse head(String key) {
        return s3.headObject(b -> b.bucket(bucket).key(key));
    }

    boolean exists(String key) {
        return list(key).stream().anyMatch(o -> o.key().equals(key));
    }

    List<S3Object> list(String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream().toList();
    }

    static String key(String prefix, String client, String ext) {
        return prefix + "/" + RUN_DATE + "/" + client + "/prices-" + client + "-" + RUN_DATE + "." + ext;
    }

    static String manifestKey(String prefix) {
        return prefix + "/" + RUN_DATE + "/manifest.json";
    }

    @Override
    public void close() {
        s3.close();
    }
}
