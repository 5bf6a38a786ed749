package io.platform.etl.exporter.run;

import io.platform.etl.exporter.config.ExportSettings;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster-wide mutual exclusion through a PostgreSQL session advisory lock: every exporter pointed at the
 * same database competes for the same key, so two pods (or a scheduled tick and a manual CronJob run) never
 * export at once. The lock lives as long as its connection, so a crashed exporter releases it.
 */
@Singleton
public class ExportLock {

    private static final Logger LOG = LoggerFactory.getLogger(ExportLock.class);
    private static final long POLL_MILLIS = 500;

    private final DataSource dataSource;
    private final long key;
    private final Duration maxWait;

    public ExportLock(DataSource dataSource, ExportSettings settings) {
        this.dataSource = dataSource;
        this.key = settings.props().lockKey();
        this.maxWait = settings.props().lockWait();
    }

    /** A held lock; closing it unlocks and returns the connection. */
    public interface Held extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }

    /** Takes the lock, waiting up to EXPORT_LOCK_WAIT. */
    public Held acquire() throws SQLException, InterruptedException {
        Connection c = dataSource.getConnection();
        try {
            long deadline = System.nanoTime() + maxWait.toNanos();
            boolean logged = false;
            while (!tryLock(c)) {
                if (System.nanoTime() >= deadline) {
                    throw new LockUnavailableException("Another price export is running (PostgreSQL advisory lock "
                            + key + " is held); gave up after waiting " + maxWait.toSeconds() + " s (EXPORT_LOCK_WAIT)");
                }
                if (!logged) {
                    LOG.info("Another price export is running; waiting up to {} s for it to finish", maxWait.toSeconds());
                    logged = true;
                }
                Thread.sleep(POLL_MILLIS);
            }
            return () -> {
                try (c; PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    ps.setLong(1, key);
                    ps.execute();
                }
            };
        } catch (SQLException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
