package io.platform.etl.rules.store;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.platform.etl.model.rules.publish.RuleJson;
import io.platform.etl.model.rules.publish.RuleKind;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL over rule_set_version / rule_set_head / rule_outbox. Callers provide the transaction. */
@Singleton
public class RuleSetStore {

    private static final String COLUMNS = "pipeline, kind, version, body::text, author, created_at, diff::text, "
            + "rollback_of";

    private final JdbcOperations jdbc;

    public RuleSetStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the head row at version 0 when missing, locks it and returns the current version. */
    public long lockHead(String pipeline, RuleKind kind) {
        jdbc.prepareStatement("INSERT INTO rule_set_head (pipeline, kind, version) VALUES (?, ?, 0) "
                + "ON CONFLICT DO NOTHING", ps -> {
                    bindKey(ps, pipeline, kind);
                    return ps.executeUpdate();
                });
        return jdbc.prepareStatement("SELECT version FROM rule_set_head WHERE pipeline = ? AND kind = ? FOR UPDATE",
                ps -> {
                    bindKey(ps, pipeline, kind);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                });
    }

    /** Inserts the version, moves the head and queues the version for publication. */
    public void append(RuleVersion v) {
        jdbc.prepareStatement("INSERT INTO rule_set_version (pipeline, kind, version, body, author, created_at, "
                + "diff, rollback_of) VALUES (?, ?, ?, ?::jsonb, ?, ?, ?::jsonb, ?)", ps -> {
                    bindKey(ps, v.pipeline(), v.kind());
                    ps.setLong(3, v.version());
                    ps.setString(4, RuleJson.write(v.body()));
                    ps.setString(5, v.author());
                    ps.setTimestamp(6, Timestamp.from(v.createdAt()));
                    ps.setString(7, RuleJson.write(v.diff()));
                    if (v.rollbackOf() == null) {
                        ps.setNull(8, java.sql.Types.BIGINT);
                    } else {
                        ps.setLong(8, v.rollbackOf());
                    }
                    return ps.executeUpdate();
                });
        jdbc.prepareStatement("UPDATE rule_set_head SET version = ? WHERE pipeline = ? AND kind = ?", ps -> {
            ps.setLong(1, v.version());
            ps.setString(2, v.pipeline());
            ps.setString(3, v.kind().jsonName());
            return ps.executeUpdate();
        });
        jdbc.prepareStatement("INSERT INTO rule_outbox (pipeline, kind, version, created_at) VALUES (?, ?, ?, ?)",
                ps -> {
                    bindKey(ps, v.pipeline(), v.kind());
                    ps.setLong(3, v.version());
                    ps.setTimestamp(4, Timestamp.from(v.createdAt()));
                    return ps.executeUpdate();
                });
    }

    /** The current version from the head row (0 when nothing was written), without reading the rule body. */
    public long currentVersion(String pipeline, RuleKind kind) {
        return jdbc.prepareStatement("SELECT version FROM rule_set_head WHERE pipeline = ? AND kind = ?", ps -> {
            bindKey(ps, pipeline, kind);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    public Optional<RuleVersion> latest(String pipeline, RuleKind kind) {
        return one("SELECT " + COLUMNS + " FROM rule_set_version WHERE pipeline = ? AND kind = ? "
                + "ORDER BY version DESC LIMIT 1", ps -> bindKey(ps, pipeline, kind));
    }

    public Optional<RuleVersion> find(String pipeline, RuleKind kind, long version) {
        return one("SELECT " + COLUMNS + " FROM rule_set_version WHERE pipeline = ? AND kind = ? AND version = ?",
                ps -> {
                    bindKey(ps, pipeline, kind);
                    ps.setLong(3, version);
                });
    }

    /** Newest first. */
    public List<RuleVersion> history(String pipeline, RuleKind kind, long offset, int limit) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM rule_set_version WHERE pipeline = ? AND kind = ? "
                + "ORDER BY version DESC OFFSET ? LIMIT ?", ps -> {
                    bindKey(ps, pipeline, kind);
                    ps.setLong(3, offset);
                    ps.setInt(4, limit);
                    return readAll(ps);
                });
    }

    public long count(String pipeline, RuleKind kind) {
        return jdbc.prepareStatement("SELECT count(*) FROM rule_set_version WHERE pipeline = ? AND kind = ?", ps -> {
            bindKey(ps, pipeline, kind);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private Optional<RuleVersion> one(String sql, Binder binder) {
        return jdbc.prepareStatement(sql, ps -> {
            binder.bind(ps);
            return readAll(ps).stream().findFirst();
        });
    }

    static List<RuleVersion> readAll(PreparedStatement ps) throws SQLException {
        List<RuleVersion> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(read(rs));
            }
        }
        return out;
    }

    static RuleVersion read(ResultSet rs) throws SQLException {
        long rollbackValue = rs.getLong(8);
        Long rollback = rs.wasNull() ? null : rollbackValue;
        return new RuleVersion(rs.getString(1), RuleKind.parse(rs.getString(2)), rs.getLong(3),
                RuleJson.readTree(rs.getString(4)), rs.getString(5), rs.getTimestamp(6).toInstant(),
                RuleJson.readTree(rs.getString(7)), rollback);
    }

    static void bindKey(PreparedStatement ps, String pipeline, RuleKind kind) throws SQLException {
        ps.setString(1, pipeline);
        ps.setString(2, kind.jsonName());
    }

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }
}
