package io.platform.etl.stage.enrich.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/** The {@code user_profiles} table (and small extra tables) of a test database. */
final class Profiles {

    private final String url;
    private final String user;
    private final String password;

    Profiles(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void create() {
        execute("CREATE TABLE IF NOT EXISTS user_profiles (user_id text PRIMARY KEY, age int, region text,"
                + " subscription_tier text)");
    }

    void execute(String sql) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    void put(String userId, int age, String region, String tier) {
        String sql = "INSERT INTO user_profiles VALUES (?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET"
                + " age = EXCLUDED.age, region = EXCLUDED.region, subscription_tier = EXCLUDED.subscription_tier";
        try (Connection c = DriverManager.getConnection(url, user, password);
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, userId);
            s.setInt(2, age);
            s.setString(3, region);
            s.setString(4, tier);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
