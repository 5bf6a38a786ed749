package io.platform.etl.exporter;

import static io.platform.etl.exporter.ExporterFixture.key;
import static io.platform.etl.exporter.ExporterFixture.manifestKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.platform.etl.exporter.run.ExportResult;
import io.platform.etl.exporter.run.RunStatus;
import io.platform.etl.testkit.TestInfra;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResumeAndFailureIT {

    static final long LOCK_KEY = 7310482916L;

    ExporterFixture fx;

    @BeforeAll
    void setUp() throws Exception {
        fx = ExporterFixture.withGoldenCatalog(this);
        try (Connection c = fx.connect()) {
            CatalogSeed.clients(c, 4); // ACME, BETA, C01..C04: six active clients
        }
    }

    @AfterAll
    void tearDown() {
        fx.close();
    }

    @Test
    void resumesAfterAFailureMidwayWithoutRedoingFinishedClients() throws Exception {
        String prefix = TestInfra.uniqueName("resume");

        ExportResult failed = fx.export(fx.props(prefix, "exporter.fail-after-clients", "2"));

        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.error()).contains("EXPORT_FAIL_AFTER_CLIENTS");
        assertThat(fx.exists(manifestKey(prefix))).isFalse();
        Map<String, Object[]> afterFailure = progress(prefix);
        assertThat(afterFailure.keySet()).containsExactlyInAnyOrder("ACME/csv", "ACME/xlsx", "BETA/csv", "BETA/xlsx");
        Instant acmeModified = fx.head(key(prefix, "ACME", "csv")).lastModified();
        String acmeEtag = fx.head(key(prefix, "ACME", "xlsx")).eTag();
        assertThat(run(failed)).containsEntry("status", "FAILED").containsEntry("files", 4);

        ExportResult resumed = fx.export(fx.props(prefix));

        assertThat(resumed.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(resumed.clientsResumed()).isEqualTo(2);
        assertThat(resumed.clientsDone()).isEqualTo(4);
        assertThat(resumed.files()).isEqualTo(8);
        Map<String, Object[]> afterResume = progress(prefix);
        assertThat(afterResume).hasSize(12);
        for (String finished : afterFailure.keySet()) {
            assertThat(afterResume.get(finished)).as(finished).containsExactly(afterFailure.get(finished));
        }
        assertThat(afterResume.get("C01/csv")[0]).isEqualTo(resumed.runId().toString());
        assertThat(fx.head(key(prefix, "ACME", "csv")).lastModified()).isEqualTo(acmeModified);
        assertThat(fx.head(key(prefix, "ACME", "xlsx")).eTag()).isEqualTo(acmeEtag);
        assertThat(new String(fx.object(manifestKey(prefix)), StandardCharsets.UTF_8))
                .contains(key(prefix, "ACME", "csv"), key(prefix, "C04", "xlsx"));
        assertThat(run(resumed)).containsEntry("status", "SUCCEEDED").containsEntry("clients_resumed", 2);
    }

    @Test
    void storageDownExitsNonZeroWithoutManifestAndRecordsTheFailedRun() throws Exception {
        String prefix = TestInfra.uniqueName("s3down");
        Map<String, Object> props = fx.props(prefix);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        TestInfra.shared().s3().stop();
        try {
            exit = Application.runOnce(new String[0], props, new PrintStream(err, true, StandardCharsets.UTF_8));
        } finally {
            TestInfra.shared().s3().start();
        }

        assertThat(exit).isEqualTo(ExitCode.EXPORT_FAILED.code());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("failed")
                .contains("PUT s3://" + fx.bucket + "/" + prefix + "/").contains("Connection refused");
        assertThat(fx.list(prefix)).isEmpty();
        try (Connection c = fx.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT status, error, finished_at FROM export_runs WHERE destination = '"
                     + destination(prefix) + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("status")).isEqualTo("FAILED");
            assertThat(rs.getString("error")).isNotBlank();
            assertThat(rs.getTimestamp("finished_at")).isNotNull();
            assertThat(rs.next()).isFalse();
        }

        assertThat(Application.runOnce(new String[0], props, System.err)).isZero();
        assertThat(fx.exists(manifestKey(prefix))).isTrue();
    }

    @Test
    void secondRunGivesUpWithAClearMessageWhileAnotherHoldsTheLock() throws Exception {
        String prefix = TestInfra.uniqueName("locked");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (Connection holder = fx.connect()) {
            lock(holder);
            exit = Application.runOnce(new String[0], fx.props(prefix, "exporter.lock-wait", "1s"),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
        }

        assertThat(exit).isEqualTo(ExitCode.LOCKED.code());
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("Another price export is running").contains("EXPORT_LOCK_WAIT");
        assertThat(fx.list(prefix)).isEmpty();
    }

    @Test
    void secondRunWaitsForTheLockAndExportsOnceItIsReleased() throws Exception {
        String prefix = TestInfra.uniqueName("waits");
        Map<String, Object> props = new HashMap<>(fx.props(prefix, "exporter.lock-wait", "60s"));
        CompletableFuture<Integer> second;
        try (Connection holder = fx.connect()) {
            lock(holder);
            second = CompletableFuture.supplyAsync(() -> Application.runOnce(new String[0], props, System.err));
            await().atMost(Duration.ofSeconds(30)).until(() -> anotherSessionPollsTheLock(holder));
            assertThat(second).isNotDone();
        }

        assertThat(second.get()).isZero();
        assertThat(fx.exists(manifestKey(prefix))).isTrue();
    }

    private static void lock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
            ps.setLong(1, LOCK_KEY);
            ps.execute();
        }
    }

    private static boolean anotherSessionPollsTheLock(Connection holder) throws SQLException {
        try (Statement st = holder.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT count(*) FROM pg_stat_activity
                WHERE pid <> pg_backend_pid() AND datname = current_database()
                  AND query LIKE 'SELECT pg_try_advisory_lock%'""")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private String destination(String prefix) {
        return "s3://" + fx.bucket + "/" + prefix + "/";
    }

    /** client/format → [run_id, etag, uploaded_at] */
    private Map<String, Object[]> progress(String prefix) throws SQLException {
        Map<String, Object[]> rows = new HashMap<>();
        try (Connection c = fx.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT client_code, format, run_id, etag, uploaded_at FROM export_progress"
                     + " WHERE destination = '" + destination(prefix) + "'")) {
            while (rs.next()) {
                rows.put(rs.getString(1) + "/" + rs.getString(2),
                        new Object[] {rs.getString(3), rs.getString(4), rs.getTimestamp(5)});
            }
        }
        return rows;
    }

    private Map<String, Object> run(ExportResult result) throws SQLException {
        try (Connection c = fx.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT status, files, clients_resumed, rows_exported, error"
                     + " FROM export_runs WHERE run_id = '" + result.runId() + "'")) {
            assertThat(rs.next()).isTrue();
            return Map.of("status", rs.getString(1), "files", rs.getInt(2), "clients_resumed", rs.getInt(3),
                    "rows", rs.getLong(4));
        }
    }

}
