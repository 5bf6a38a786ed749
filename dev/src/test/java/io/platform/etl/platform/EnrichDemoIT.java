package io.platform.etl.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.etl.platform.demo.ProfileSeeder;
import io.platform.etl.platform.infra.EnrichDemo;
import io.platform.etl.testkit.PostgresServer;
import io.platform.etl.testkit.TestInfra;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The demo profiles land in a real PostgreSQL, once, for every user the demo traffic produces. */
class EnrichDemoIT {

    @Test
    void seedsAProfileForEveryDemoUserOnceAndKeepsEditedRows() throws Exception {
        PostgresServer pg = TestInfra.shared().postgres();
        String url = pg.jdbcUrl(pg.createDatabase("profiles"));
        Path csv = Path.of("..", "config", "demo", "user_profiles.csv");

        assertThat(ProfileSeeder.seed(csv, url, pg.username(), pg.password())).isEqualTo(20);
        try (Connection c = DriverManager.getConnection(url, pg.username(), pg.password())) {
            c.createStatement().execute("UPDATE user_profiles SET age = 99 WHERE user_id = 'user-1'");
            assertThat(ProfileSeeder.seed(csv, url, pg.username(), pg.password())).isZero();
            Set<String> users = new HashSet<>();
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT user_id, age, region, subscription_tier FROM user_profiles")) {
                while (rs.next()) {
                    users.add(rs.getString(1));
                    assertThat(rs.getString(3)).isNotBlank();
                    assertThat(rs.getString(4)).isNotBlank();
                    if (rs.getString(1).equals("user-1")) {
                        assertThat(rs.getInt(2)).isEqualTo(99);
                    }
                }
            }
            for (int u = 1; u <= 20; u++) {
                assertThat(users).contains("user-" + u);
            }
        }
    }

    @Test
    void stageEnrichIsPointedAtTheStandInOnlyWhenItRuns() {
        assertThat(EnrichDemo.serviceEnv(Map.of(EnrichDemo.GEO_ADDRESS, "127.0.0.1:41234")))
                .containsEntry("ENRICH_API_CONNECT_TO", "geo-service:8080=127.0.0.1:41234");
        assertThat(EnrichDemo.serviceEnv(Map.of())).isEmpty();
    }
}
