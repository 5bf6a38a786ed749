package io.platform.etl.exporter.catalog;

import io.platform.etl.exporter.config.ExportSettings;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGStatement;

/**
 * Reads the catalog as the read-only role, in one {@code REPEATABLE READ READ ONLY} snapshot per run: every
 * client's list comes from the same snapshot, however many readers work in parallel. The run's transaction
 * exports its snapshot ({@code pg_export_snapshot}); each {@link Reader} is a connection of its own that imports
 * it, as {@code pg_dump --jobs} does. CSV lists are copied out ({@code COPY … TO STDOUT}); rows for the other
 * formats are streamed through a server-side cursor (pgjdbc only uses one when autocommit is off and a fetch
 * size is set, otherwise it buffers the whole result).
 */
@Singleton
public class CatalogReader {

    /** Receives rows one at a time; may throw to abort the read. */
    @FunctionalInterface
    public interface RowSink {
        void accept(PriceRow row) throws Exception;
    }

    private final DataSource dataSource;
    private final int fetchSize;
    private final String readRole;

    public CatalogReader(DataSource dataSource, ExportSettings settings) {
        this.dataSource = dataSource;
        this.fetchSize = settings.props().fetchSize();
        this.readRole = settings.props().readRole();
    }

    /** Opens the run's snapshot; close it when the run is over (after its readers). */
    public Snapshot open() throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(false);
            begin(c, null);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_export_snapshot()")) {
                rs.next();
                return new Snapshot(c, rs.getString(1));
            }
        } catch (SQLException | RuntimeException e) {
            rollbackAndClose(c);
            throw e;
        }
    }

    /**
     * Starts a read-only transaction, on the given snapshot when one is given: one round trip for all
     * settings (the simple query protocol takes several statements). Custom plans, because a generic plan
     * cannot use the client id's selectivity; ISO dates, because rows and CSV carry dates as the server
     * prints them.
     */
    private void begin(Connection c, String importedSnapshot) throws SQLException {
        StringBuilder sql = new StringBuilder("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        if (importedSnapshot != null) {
            sql.append("; SET TRANSACTION SNAPSHOT '").append(importedSnapshot.replace("'", "''")).append('\'');
        }
        sql.append("; SET LOCAL plan_cache_mode = force_custom_plan; SET LOCAL DateStyle = 'ISO, YMD'");
        if (readRole != null && !readRole.isBlank()) {
            sql.append("; SET LOCAL ROLE ").append(c.unwrap(PGConnection.class).escapeIdentifier(readRole));
        }
        try (Statement st = c.createStatement()) {
            st.execute(sql.toString());
        }
    }

    private static void rollbackAndClose(Connection c) throws SQLException {
        try (c) {
            c.rollback(); // read-only: nothing to commit
            c.setAutoCommit(true);
        }
    }

    /** The run's read-only transaction over the catalog; it lives as long as the readers that share it. */
    public final class Snapshot implements AutoCloseable {
        private final Connection connection;
        private final String snapshotId;

        private Snapshot(Connection connection, String snapshotId) {
            this.connection = connection;
            this.snapshotId = snapshotId;
        }

        /** Active clients in code order. */
        public List<ExportClient> activeClients() throws SQLException {
            List<ExportClient> clients = new ArrayList<>();
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id, code, name FROM clients WHERE active ORDER BY code")) {
                while (rs.next()) {
                    clients.add(new ExportClient(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
            return clients;
        }

        /** A reader on a connection of its own that sees this snapshot; for one thread at a time. */
        public Reader newReader() throws SQLException {
            Connection c = dataSource.getConnection();
            try {
                c.setAutoCommit(false);
                begin(c, snapshotId);
                PreparedStatement prices = c.prepareStatement(PriceQuery.SQL, ResultSet.TYPE_FORWARD_ONLY,
                        ResultSet.CONCUR_READ_ONLY);
                // Never server-prepared: pgjdbc then asks for text results, which the rows carry as they are
                // (binary numerics and dates cost a BigDecimal/LocalDate per value and a format back to text).
                // The server plans every execution anyway (force_custom_plan); parsing again is cheap.
                prices.unwrap(PGStatement.class).setPrepareThreshold(0);
                prices.setFetchSize(fetchSize);
                return new Reader(c, prices);
            } catch (SQLException | RuntimeException e) {
                rollbackAndClose(c);
                throw e;
            }
        }

        @Override
        public void close() throws SQLException {
            rollbackAndClose(connection);
        }
    }

    /** Reads price lists from the run's snapshot on one connection. Single-threaded. */
    public static final class Reader implements AutoCloseable {
        private final Connection connection;
        private final PreparedStatement prices;

        private Reader(Connection connection, PreparedStatement prices) {
            this.connection = connection;
            this.prices = prices;
        }

        /** Streams the client's price list on the date to the sink; returns the row count. */
        public long streamPrices(ExportClient client, LocalDate runDate, RowSink sink) throws Exception {
            prices.setLong(1, client.id());
            prices.setObject(2, runDate);
            prices.setObject(3, runDate);
            long rows = 0;
            try (ResultSet rs = prices.executeQuery()) {
                while (rs.next()) {
                    sink.accept(new PriceRow(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getBoolean(6), rs.getString(7), rs.getString(8)));
                    rows++;
                }
            }
            return rows;
        }

        /**
         * Copies the client's price list on the date as CSV records (no header) into the stream; returns the
         * number of records. See {@link PriceQuery#csvCopy}.
         */
        public long copyCsv(ExportClient client, LocalDate runDate, char delimiter, OutputStream out)
                throws SQLException, IOException {
            return connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyOut(PriceQuery.csvCopy(client.id(), runDate, delimiter), out);
        }

        @Override
        public void close() throws SQLException {
            try {
                prices.close();
            } finally {
                rollbackAndClose(connection);
            }
        }
    }
}
