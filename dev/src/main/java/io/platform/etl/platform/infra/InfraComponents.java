package io.platform.etl.platform.infra;

import io.platform.etl.testkit.KafkaBroker;
import io.platform.etl.testkit.KeycloakServer;
import io.platform.etl.testkit.OidcProvider;
import io.platform.etl.testkit.PostgresServer;
import io.platform.etl.testkit.RedisServer;
import io.platform.etl.testkit.S3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Starts one infrastructure component each, prepared for the platform (databases, topics, bucket). */
public final class InfraComponents {

    private InfraComponents() {
    }

    public static PostgresServer postgres(int port, Path dataDir) {
        PostgresServer pg = PostgresServer.embedded(port, dataDir);
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.username(), pg.password());
                PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
                Statement create = c.createStatement()) {
            for (String db : InfraSpec.DATABASES) {
                exists.setString(1, db);
                if (!exists.executeQuery().next()) {
                    create.execute("CREATE DATABASE " + db);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the platform databases: " + e.getMessage(), e);
        }
        return pg;
    }

    public static RedisServer redis(int port) {
        return RedisServer.embedded(port);
    }

    /** Kafka keeps no data between runs: its directory is emptied first (a new cluster id each start). */
    public static KafkaBroker kafka(Path dir) {
        Directories.deleteRecursively(dir);
        KafkaBroker kafka = KafkaBroker.embedded(dir);
        kafka.createTopics(InfraSpec.PARTITIONS, InfraSpec.TOPICS.toArray(String[]::new));
        return kafka;
    }

    /** The stand-in provider ({@code --fast-auth}): in-process, ready in about a second. */
    public static OidcServer standIn(int port) {
        OidcProvider oidc = OidcProvider.embedded(port, OidcConfig.json());
        return new OidcServer(OidcServer.STAND_IN, oidc.issuer(), oidc.jwksUri(), oidc.tokenEndpoint(),
                oidc.authorizationEndpoint(), "", oidc);
    }

    /**
     * A real Keycloak ({@code start-dev}, in-memory database) on {@code port}, pinned to {@code http://localhost:PORT},
     * with the platform's realm imported; Swagger UI may redirect back to {@code rulesApiUrl}. Each new line of
     * Keycloak's log goes to {@code progress}.
     */
    public static OidcServer keycloak(int port, KeycloakLaunch launch, Consumer<String> progress) {
        Path home = KeycloakDist.unpacked(launch.zip(), launch.cache());
        KeycloakServer kc = KeycloakServer.start(home, port, launch.realm(), Map.of(
                "RULES_API_URL", launch.rulesApiUrl(),
                // A local admin for the admin console (Keycloak creates it on each start of the in-memory database).
                "KC_BOOTSTRAP_ADMIN_USERNAME", KeycloakLaunch.ADMIN,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", KeycloakLaunch.ADMIN),
                launch.log(), progress);
        KeycloakDist.markStarted(launch.zip(), launch.cache());
        return new OidcServer(OidcServer.KEYCLOAK, kc.issuer(), kc.jwksUri(), kc.tokenEndpoint(),
                kc.authorizationEndpoint(), "http://localhost:" + port + "/admin/", kc);
    }

    public static S3Server s3(int port, Path dataDir) {
        S3Server s3 = S3Server.embedded(port, dataDir, InfraSpec.S3_ACCESS_KEY, InfraSpec.S3_SECRET_KEY);
        s3.createBucket(InfraSpec.BUCKET);
        return s3;
    }

    /** The {@code infra.env} entries of everything but the OIDC provider (which adds its own: {@link OidcServer#env()}). */
    public static Map<String, String> env(PostgresServer pg, RedisServer redis, KafkaBroker kafka, S3Server s3) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PG_HOST", pg.host());
        env.put("PG_PORT", Integer.toString(pg.port()));
        env.put("PG_USER", pg.username());
        env.put("PG_PASSWORD", pg.password());
        env.put("REDIS_URI", redis.uri());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("S3_ENDPOINT", s3.endpoint().toString());
        env.put("S3_REGION", s3.region());
        env.put("S3_ACCESS_KEY", s3.accessKey());
        env.put("S3_SECRET_KEY", s3.secretKey());
        env.put("S3_BUCKET", InfraSpec.BUCKET);
        return env;
    }
}
