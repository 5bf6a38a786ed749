package io.platform.etl.exporter.run;

import io.platform.etl.exporter.output.OutputFormat;
import io.platform.etl.exporter.storage.ObjectKeys;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** {@code export_runs} (one row per attempt) and {@code export_progress} (resume state per file). */
@Singleton
public class ExportRunRepository {

    private final DataSource dataSource;
    private final String destination;

    public ExportRunRepository(DataSource dataSource, ObjectKeys keys) {
        this.dataSource = dataSource;
        this.destination = keys.destination();
    }

    public void start(UUID runId, LocalDate runDate, List<OutputFormat> formats, Instant startedAt) throws SQLException {
        update("""
                INSERT INTO export_runs (run_id, run_date, destination, status, formats, started_at)
                VALUES (?, ?, ?, 'RUNNING', ?, ?)""",
                runId, runDate, destination, String.join(",", formats.stream().map(OutputFormat::extension).toList()),
                Timestamp.from(startedAt));
    }

    public void finish(ExportResult result, Instant finishedAt) throws SQLException {
        update("""
                UPDATE export_runs SET status = ?, clients_total = ?, clients_resumed = ?, files = ?, rows_exported = ?,
                       manifest_key = ?, error = ?, finished_at = ?, duration_ms = ?
                WHERE run_id = ?""",
                result.status().name(), result.clientsTotal(), result.clientsResumed(), result.files(), result.rows(),
                result.manifestKey(), result.error(), Timestamp.from(finishedAt), result.duration().toMillis(),
                result.runId());
    }

    /** True when an earlier attempt published the manifest of the date. */
    public boolean manifestPublished(LocalDate runDate) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     """
                     SELECT 1 FROM export_runs WHERE destination = ? AND run_date = ? AND status = 'SUCCEEDED'
                       AND manifest_key IS NOT NULL""")) {
            ps.setString(1, destination);
            ps.setObject(2, runDate);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Forgets what was published for the date so that every client is exported again (EXPORT_FORCE). */
    public void clearProgress(LocalDate runDate) throws SQLException {
        update("DELETE FROM export_progress WHERE destination = ? AND run_date = ?", destination, runDate);
    }

    public void recordFile(UUID runId, LocalDate runDate, ProgressEntry e) throws SQLException {
        update("""
                INSERT INTO export_progress (destination, run_date, client_code, format, run_id, object_key, rows_count,
                                             bytes, sha256, etag, uploaded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (destination, run_date, client_code, format) DO UPDATE SET run_id = excluded.run_id,
                    object_key = excluded.object_key, rows_count = excluded.rows_count, bytes = excluded.bytes,
                    sha256 = excluded.sha256, etag = excluded.etag, uploaded_at = excluded.uploaded_at""",
                destination, runDate, e.clientCode(), e.format().extension(), runId, e.objectKey(), e.rows(), e.bytes(),
                e.sha256(), e.etag(), Timestamp.from(e.uploadedAt()));
    }

    /** Files already published for the date, by client then format. */
    public List<ProgressEntry> progress(LocalDate runDate) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT client_code, format, object_key, rows_count, bytes, sha256, etag, uploaded_at
                     FROM export_progress WHERE destination = ? AND run_date = ? ORDER BY client_code, format""")) {
            ps.setString(1, destination);
            ps.setObject(2, runDate);
            List<ProgressEntry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new ProgressEntry(rs.getString(1), OutputFormat.parse(rs.getString(2)),
                            rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getString(6), rs.getString(7),
                            rs.getTimestamp(8).toInstant()));
                }
            }
            return entries;
        }
    }

    private void update(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }
}
