package io.platform.etl.stage.enrich.lookup;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.platform.etl.stage.enrich.config.DatabaseConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One small Hikari pool per configured database, opened on first use. A pool never fails because the database is
 * down: it keeps trying, and a lookup waits at most the source's timeout for a connection.
 */
final class ConnectionPools implements AutoCloseable {

    private final List<DatabaseConnection> connections;
    private final Map<String, HikariDataSource> pools = new ConcurrentHashMap<>();

    ConnectionPools(List<DatabaseConnection> connections) {
        this.connections = List.copyOf(connections);
    }

    /** The pool for a source's {@code connection}; empty when no configured database matches it. */
    Optional<HikariDataSource> pool(String connection, Duration timeout) {
        return connections.stream().filter(c -> c.matches(connection)).findFirst()
                .map(c -> pools.computeIfAbsent(c.name(), n -> open(c, timeout)));
    }

    private static HikariDataSource open(DatabaseConnection c, Duration timeout) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("enrich-" + c.name());
        config.setJdbcUrl(c.jdbcUrl());
        config.setUsername(c.username());
        config.setPassword(c.password());
        config.setMaximumPoolSize(c.poolSize());
        config.setMinimumIdle(0);
        config.setReadOnly(true);
        config.setAutoCommit(true);
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(Math.max(250, timeout.toMillis()));
        config.setValidationTimeout(Math.max(250, Math.min(timeout.toMillis(), 5000)));
        config.addDataSourceProperty("connectTimeout", Math.max(1, timeout.toSeconds()));
        config.addDataSourceProperty("socketTimeout", Math.max(5, timeout.toSeconds() * 3));
        return new HikariDataSource(config);
    }

    @Override
    public void close() {
        pools.values().forEach(HikariDataSource::close);
        pools.clear();
    }
}
