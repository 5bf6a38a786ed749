package io.platform.etl.platform.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

/** Applies the price exporter's demo catalogue ({@code price-exporter/src/main/resources/demo/*.sql}), if any. */
public final class CatalogSeeder {

    private CatalogSeeder() {
    }

    public static List<Path> scripts(Path exporterModule) {
        Path dir = exporterModule.resolve("src/main/resources/demo");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs each script in its own transaction, in name order. */
    public static void apply(List<Path> scripts, String jdbcUrl, String user, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            c.setAutoCommit(false);
            for (Path script : scripts) {
                try (Statement s = c.createStatement()) {
                    s.execute(Files.readString(script));
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw new SQLException(script.getFileName() + ": " + e.getMessage(), e);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
