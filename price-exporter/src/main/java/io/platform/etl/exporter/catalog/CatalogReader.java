package io.platform.etl.exporter.catalog;

import io.platform.etl.exporter.config.ExportSettings;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGStatement;

/**
 * Reads the catalog as the read-only role, in one {@code REPEATABLE READ READ ONLY} transaction per run: every
 * client's list comes from the same snapshot, and each list costs one round trip. Rows are streamed through
 * a server-side cursor: pgjdbc only uses one when autocommit is off and a fetch size is set, otherwise it
 * buffers the whole result.
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

    /** Opens the run's snapshot; close it when the run is over. */
    public Snapshot open() throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                // One round trip for all (the simple query protocol takes several statements). Custom plans:
                // a generic plan cannot use the client id's selectivity.
                String begin = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY;"
                        + " SET LOCAL plan_cache_mode = force_custom_plan";
                st.execute(readRole == null || readRole.isBlank() ? begin
                        : begin + "; SET LOCAL ROLE " + quoteIdentifier(readRole));
            }
            PreparedStatement prices = c.prepareStatement(PriceQuery.SQL, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY);
            // Never server-prepared: pgjdbc then asks for text results, which the rows carry as they are
            // (binary numerics and dates cost a BigDecimal/LocalDate per value and a format back to text).
            // The server plans every execution anyway (force_custom_plan); parsing again is cheap.
            prices.unwrap(PGStatement.class).setPrepareThreshold(0);
            return new Snapshot(c, prices);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            c.setAutoCommit(true);
            c.close();
            throw e;
        }
    }

    /** A read-only transaction over the catalog. Single-threaded. */
    public final class Snapshot implements AutoCloseable {
        private final Connection connection;
        private final PreparedStatement prices;

        private Snapshot(Connection connection, PreparedStatement prices) {
            this.connection = connection;
            this.prices = prices;
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

        /** Streams the client's price list on the date to the sink; returns the row count. */
        public long streamPrices(ExportClient client, LocalDate runDate, RowSink sink) throws Exception {
            prices.setFetchSize(fetchSize);
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

        @Override
        public void close() throws SQLException {
            try (connection; prices) {
                connection.rollback(); // read-only: nothing to commit
                connection.setAutoCommit(true);
            }
        }
    }

    static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
