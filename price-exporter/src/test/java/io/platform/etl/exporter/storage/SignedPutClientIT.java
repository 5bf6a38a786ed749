package io.platform.etl.exporter.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platform.etl.exporter.config.StorageProperties;
import io.platform.etl.testkit.S3Server;
import io.platform.etl.testkit.TestInfra;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignedPutClientIT {

    final S3Server server = TestInfra.shared().s3();
    final String bucket = TestInfra.uniqueName("signed");
    S3Client s3;

    @BeforeAll
    void setUp() {
        server.createBucket(bucket);
        s3 = server.client();
    }

    @AfterAll
    void tearDown() {
        s3.close();
    }

    SignedPutClient client(String secretKey, String bucketName) {
        return new SignedPutClient(StaticCredentialsProvider.create(AwsBasicCredentials.create(server.accessKey(), secretKey)),
                new StorageProperties(server.endpoint().toString(), server.region(), null, null, bucketName, null, true,
                        1L << 30, 5L << 20, 1));
    }

    @Test
    void storesTheFileUnderTheExactKeyAndReturnsItsEtag(@TempDir Path dir) throws Exception {
        byte[] content = new byte[300_000];
        new Random(7).nextBytes(content);
        Path file = Files.write(dir.resolve("prices.csv"), content);
        String key = "run 1/2025-03-10/ООО «Акме»+co/prices-a&b=c.csv";

        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        String etag = client(server.secretKey(), bucket).put(key, file, content.length, "text/csv; charset=utf-8", sha256);

        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("run 1/")).contents()).extracting(S3Object::key)
                .containsExactly(key);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray()).isEqualTo(content);
        assertThat(etag).isNotBlank().isEqualTo(s3.headObject(b -> b.bucket(bucket).key(key)).eTag());
        assertThat(s3.headObject(b -> b.bucket(bucket).key(key)).contentType()).isEqualTo("text/csv; charset=utf-8");
    }

    @Test
    void bytesThatDoNotMatchTheirChecksumAreRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("prices.csv"), "sku,price\r\nA,1.00\r\n");
        String checksumOfOtherBytes = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(new byte[] {1}));

        assertThatThrownBy(() -> client(server.secretKey(), bucket).put("corrupt.csv", file, Files.size(file), "text/csv",
                checksumOfOtherBytes))
                .hasMessageContaining("HTTP 400");
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("corrupt")).contents()).isEmpty();
    }

    @Test
    void overwritesOnASecondPutOfTheSameKey() throws Exception {
        SignedPutClient client = client(server.secretKey(), bucket);
        client.put("again/manifest.json", "{\"v\":1}".getBytes(StandardCharsets.UTF_8), "application/json");
        client.put("again/manifest.json", "{\"v\":2}".getBytes(StandardCharsets.UTF_8), "application/json");

        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("again/manifest.json")).asUtf8String())
                .isEqualTo("{\"v\":2}");
    }

    @Test
    void wrongSecretIsRefusedAtOnceWithTheServersReason() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> client("not-the-secret", bucket).put("denied.json", new byte[] {1}, "application/json"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("s3://" + bucket + "/denied.json")
                .hasMessageContaining("HTTP 403")
                .hasMessageContaining("SignatureDoesNotMatch");
        assertThat((System.nanoTime() - start) / 1_000_000).as("no retries of a refusal (ms)").isLessThan(5_000);
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("denied")).contents()).isEmpty();
    }

    @Test
    void missingBucketIsNamedInTheError() {
        assertThatThrownBy(() -> client(server.secretKey(), "no-such-bucket-x1").put("k", new byte[] {1}, "text/csv"))
                .hasMessageContaining("HTTP 404").hasMessageContaining("NoSuchBucket");
    }

    @Test
    void addressesPathStyleOnCustomEndpointsAndVirtualHostedOnAws() {
        assertThat(client(server.secretKey(), "b1").objectUri("p/x y.csv"))
                .isEqualTo(URI.create(server.endpoint() + "/b1/p/x%20y.csv"));
        SignedPutClient aws = new SignedPutClient(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "s")),
                new StorageProperties(null, "eu-central-1", null, null, "prices", null, false, 1, 5L << 20, 1));
        assertThat(aws.objectUri("2025-03-10/manifest.json"))
                .isEqualTo(URI.create("https://prices.s3.eu-central-1.amazonaws.com/2025-03-10/manifest.json"));
    }
}
