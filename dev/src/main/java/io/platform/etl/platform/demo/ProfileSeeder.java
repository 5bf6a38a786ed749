package io.platform.etl.platform.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Demo rows of {@code user_profiles} in the profiles database ({@code config/demo/user_profiles.csv}:
 * {@code user_id,age,region,subscription_tier}), the table stage-enrich's {@code user_profiles} source reads. In
 * production the table belongs to the user database; locally this creates it. Existing rows are left as they are,
 * so a profile edited by hand survives the next {@code up}.
 */
public final class ProfileSeeder {

    static final String TABLE = "CREATE TABLE IF NOT EXISTS user_profiles (user_id text PRIMARY KEY, age int,"
            + " region text, subscription_tier text)";
    static final String INSERT = "INSERT INTO user_profiles (user_id, age, region, subscription_tier)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (user_id) DO NOTHING";

    private ProfileSeeder() {
    }

    /** Creates the table if needed and inserts the missing rows; returns how many rows were inserted. */
    public static int seed(Path csv, String jdbcUrl, String user, String password) throws SQLException {
        List<String[]> rows = read(csv);
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement(); PreparedStatement insert = c.prepareStatement(INSERT)) {
                s.execute(TABLE);
                for (String[] row : rows) {
                    insert.setString(1, row[0]);
                    insert.setInt(2, Integer.parseInt(row[1]));
                    insert.setString(3, row[2]);
                    insert.setString(4, row[3]);
                    insert.addBatch();
                }
                int inserted = 0;
                for (int n : insert.executeBatch()) {
                    inserted += Math.max(n, 0);
                }
                c.commit();
                return inserted;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    static List<String[]> read(Path csv) {
        try {
            return Files.readAllLines(csv, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith("user_id,"))
                    .map(l -> {
                        String[] cols = l.split(",", -1);
                        if (cols.length != 4 || !cols[1].strip().matches("\\d+")) {
                            throw new IllegalArgumentException(csv.getFileName()
                                    + ": expected user_id,age,region,subscription_tier, got '" + l + "'");
                        }
                        return new String[] {cols[0].strip(), cols[1].strip(), cols[2].strip(), cols[3].strip()};
                    }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
    }
}
