package io.platform.etl.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.testcontainers.containers.PostgreSQLContainer;

/** A real PostgreSQL server: embedded binaries, a container, or an address from the environment. */
public final class PostgresServer implements AutoCloseable {

    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final String adminDatabase;
    private final AutoCloseable stopper;

    private PostgresServer(String host, int port, String username, String password, String adminDatabase,
            AutoCloseable stopper) {
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
        this.adminDatabase = adminDatabase;
        this.stopper = stopper;
    }

    /** Starts PostgreSQL from the zonky binaries; {@code port} 0 picks a free one, {@code dataDir} null a temp dir. */
    public static PostgresServer embedded(int port, Path dataDir) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port == 0 ? FreePort.pick() : port)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off");
            if (dataDir != null) {
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            EmbeddedPostgres pg = builder.start();
            return new PostgresServer("127.0.0.1", pg.getPort(), "postgres", "postgres", "postgres", pg);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    static PostgresServer container() {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:16-alpine")
                .withCommand("postgres", "-c", "max_connections=300", "-c", "fsync=off");
        container.start();
        return new PostgresServer(container.getHost(), container.getMappedPort(5432), container.getUsername(),
                container.getPassword(), container.getDatabaseName(), container::stop);
    }

    /** An existing server; {@code jdbcUrl} names the database used to create the test databases. */
    static PostgresServer external(String jdbcUrl, String username, String password) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String database = uri.getPath().replaceFirst("^/", "");
        return new PostgresServer(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), username, password,
                database.isEmpty() ? "postgres" : database, () -> { });
    }

    /** Creates a new empty database whose name starts with {@code prefix} and returns its name. */
    public String createDatabase(String prefix) {
        String name = TestInfra.uniqueName(prefix).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        try (Connection c = DriverManager.getConnection(jdbcUrl(adminDatabase), username, password);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
        return name;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    @Override
    public void close() throws Exception {
        stopper.close();
    }
}
