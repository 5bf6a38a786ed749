package io.platform.etl.rules.outbox;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.platform.etl.model.rules.publish.RuleJson;
import io.platform.etl.model.rules.publish.RuleKind;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL of the relay. Callers provide the transaction. */
@Singleton
public class OutboxStore {

    /** Arbitrary constant: one relay per database publishes at a time, which keeps versions in order. */
    public static final long RELAY_LOCK = 0x72756c6573L;

    private final JdbcOperations jdbc;

    OutboxStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    boolean tryRelayLock() {
        return jdbc.prepareStatement("SELECT pg_try_advisory_xact_lock(?)", ps -> {
            ps.setLong(1, RELAY_LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
    }

    List<PendingRow> pending(int limit) {
        return jdbc.prepareStatement("SELECT o.id, v.pipeline, v.kind, v.version, v.body::text, v.created_at "
                + "FROM rule_outbox o JOIN rule_set_version v USING (pipeline, kind, version) "
                + "WHERE o.published_at IS NULL ORDER BY o.id LIMIT ? FOR UPDATE OF o", ps -> {
                    ps.setInt(1, limit);
                    List<PendingRow> rows = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(new PendingRow(rs.getLong(1), rs.getString(2), RuleKind.parse(rs.getString(3)),
                                    rs.getLong(4), RuleJson.readTree(rs.getString(5)),
                                    rs.getTimestamp(6).toInstant()));
                        }
                    }
                    return rows;
                });
    }

    void markPublished(long id) {
        jdbc.prepareStatement("UPDATE rule_outbox SET published_at = now(), attempts = attempts + 1, "
                + "last_error = NULL WHERE id = ?", ps -> {
                    ps.setLong(1, id);
                    return ps.executeUpdate();
                });
    }

    void markFailed(long id, String error) {
        jdbc.prepareStatement("UPDATE rule_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?", ps -> {
            ps.setString(1, error == null ? "unknown" : error.substring(0, Math.min(error.length(), 500)));
            ps.setLong(2, id);
            return ps.executeUpdate();
        });
    }

    /** Number of unpublished rows and the commit time of the oldest. */
    OutboxStats stats() {
        return jdbc.prepareStatement("SELECT count(*), min(created_at) FROM rule_outbox WHERE published_at IS NULL",
                ps -> {
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        Timestamp oldest = rs.getTimestamp(2);
                        return new OutboxStats(rs.getLong(1), Optional.ofNullable(oldest).map(Timestamp::toInstant));
                    }
                });
    }

    /** The latest version of every rule set that has nothing left in the outbox. */
    List<PendingRow> settledHeads() {
        return jdbc.prepareStatement("SELECT 0, v.pipeline, v.kind, v.version, v.body::text, v.created_at "
                + "FROM rule_set_head h JOIN rule_set_version v USING (pipeline, kind, version) "
                + "WHERE NOT EXISTS (SELECT 1 FROM rule_outbox o WHERE o.pipeline = h.pipeline "
                + "AND o.kind = h.kind AND o.published_at IS NULL)", ps -> {
                    List<PendingRow> rows = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(new PendingRow(0, rs.getString(2), RuleKind.parse(rs.getString(3)),
                                    rs.getLong(4), RuleJson.readTree(rs.getString(5)),
                                    rs.getTimestamp(6).toInstant()));
                        }
                    }
                    return rows;
                });
    }

    /** Pending count and oldest pending commit time. */
    public record OutboxStats(long pending, Optional<Instant> oldest) {
    }
}
