package io.platform.etl.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Proves each component of the kit is the real server, not a stand-in. */
class InfraSmokeIT {

    private final TestInfra infra = TestInfra.shared();

    @Test
    void postgresAnswersSelectVersionInItsOwnDatabase() throws Exception {
        PostgresServer pg = infra.postgres();
        String database = pg.createDatabase("smoke");
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(database), pg.username(), pg.password());
                ResultSet rs = c.createStatement().executeQuery("SELECT version(), current_database()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("PostgreSQL ");
            assertThat(rs.getString(2)).isEqualTo(database);
        }
    }

    @Test
    void redisAnswersInfoServerAndComesBackAfterRestart() {
        RedisServer redis = infra.redis();
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().info("server")).contains("redis_version:");
        }
        redis.stop();
        assertThatThrownBy(() -> client.connect().close()).isInstanceOf(Exception.class);
        redis.start();
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().ping()).isEqualTo("PONG");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void kafkaDeliversOnlyCommittedTransactionsToReadCommittedConsumers() {
        KafkaBroker kafka = infra.kafka();
        String topic = TestInfra.uniqueName("smoke");
        kafka.createTopics(1, topic);

        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, TestInfra.uniqueName("smoke-tx"));
        try (var producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed"));
            producer.commitTransaction();
        }

        Map<String, Object> consumerProps = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, TestInfra.uniqueName("smoke-group"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        assertThat(values).containsExactly("committed");
    }

    @Test
    void oidcTokensVerifyAgainstTheProvidersJwksAndCarryRealmRoles() throws Exception {
        OidcProvider oidc = infra.oidc();
        SignedJWT jwt = SignedJWT.parse(oidc.token("alice", List.of("rules-reader")));
        JWKSet keys = JWKSet.load(URI.create(oidc.jwksUri()).toURL());
        RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());

        assertThat(key).as("signing key published in JWKS").isNotNull();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(oidc.issuer());
        assertThat(jwt.getJWTClaimsSet().getJSONObjectClaim("realm_access").get("roles"))
                .asList().containsExactly("rules-reader");

        SignedJWT tampered = SignedJWT.parse(oidc.token("mallory", List.of("rules-writer")));
        String[] parts = tampered.serialize().split("\\.");
        SignedJWT forged = SignedJWT.parse(parts[0] + "." + jwt.serialize().split("\\.")[1] + "." + parts[2]);
        assertThat(forged.verify(new RSASSAVerifier(key))).isFalse();
    }

    @Test
    void s3StoresAndReturnsObjectsWithSignedRequests() {
        S3Server s3 = infra.s3();
        String bucket = TestInfra.uniqueName("smoke");
        s3.createBucket(bucket);
        try (S3Client client = s3.client()) {
            client.putObject(b -> b.bucket(bucket).key("dir/hello.txt"), RequestBody.fromString("привет, s3"));
            String body = client.getObjectAsBytes(b -> b.bucket(bucket).key("dir/hello.txt"))
                    .asString(StandardCharsets.UTF_8);
            assertThat(body).isEqualTo("привет, s3");
        }
    }
}
