package io.platform.etl.exporter.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/** The hand-written signer must produce exactly the AWS SDK signer's Authorization for the same request. */
class S3PutSignerTest {

    private static final AwsCredentials KEYS = AwsBasicCredentials.create("AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://127.0.0.1:9000/bucket/|2025-03-10/prices-C001-2025-03-10.csv|us-east-1|text/csv; charset=utf-8",
        "https://b.s3.eu-central-1.amazonaws.com/|run 1/ООО «Акме»+co/prices-a&b=c.csv|eu-central-1|text/csv",
        "https://s3.example.com:443/b/|x/manifest.json|ru-central1|application/json",
        "http://minio:80/b/|a~b_c.d-e/%41?.xlsx|us-west-2|application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "http://localhost:4566/b/|k|us-east-1|  text/csv;   charset=utf-8  ",
    })
    void signsLikeTheAwsSdk(String base, String key, String region, String contentType) {
        URI uri = URI.create(base + SdkHttpUtils.urlEncodeIgnoreSlashes(key));
        Instant now = Instant.parse("2025-03-10T23:59:59Z");
        Map<String, String> headers = Map.of("content-type", contentType, "x-amz-checksum-sha256",
                "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");

        Map<String, String> ours = new S3PutSigner(region).sign(uri, headers, KEYS, now);

        assertThat(ours.get("authorization")).isEqualTo(sdkAuthorization(uri, headers, KEYS, region, now));
        assertThat(ours).containsEntry("x-amz-date", "20250310T235959Z")
                .containsEntry("x-amz-content-sha256", "UNSIGNED-PAYLOAD").doesNotContainKey("host");
    }

    @Test
    void sessionCredentialsSignAndSendTheirToken() {
        AwsCredentials session = AwsSessionCredentials.create("ASIAEXAMPLE", "secret/with+chars", "token/abc==");
        URI uri = URI.create("https://bucket.s3.eu-west-1.amazonaws.com/prices.csv");
        Instant now = Instant.parse("2025-03-10T06:00:00Z");
        Map<String, String> headers = Map.of("content-type", "text/csv");

        Map<String, String> ours = new S3PutSigner("eu-west-1").sign(uri, headers, session, now);

        assertThat(ours).containsEntry("x-amz-security-token", "token/abc==");
        assertThat(ours.get("authorization")).contains("x-amz-security-token")
                .isEqualTo(sdkAuthorization(uri, headers, session, "eu-west-1", now));
    }

    @Test
    void theCachedKeyFollowsTheDayAndTheSecret() {
        S3PutSigner signer = new S3PutSigner("us-east-1");
        URI uri = URI.create("http://127.0.0.1:9000/b/k.csv");
        Map<String, String> headers = Map.of("content-type", "text/csv");
        Instant day1 = Instant.parse("2025-03-10T23:59:59Z");
        Instant day2 = Instant.parse("2025-03-11T00:00:01Z");
        AwsCredentials rotated = AwsBasicCredentials.create("AKIDEXAMPLE", "another-secret");

        for (var call : new Object[][] {{KEYS, day1}, {KEYS, day2}, {rotated, day2}, {KEYS, day2}}) {
            AwsCredentials keys = (AwsCredentials) call[0];
            Instant at = (Instant) call[1];
            assertThat(signer.sign(uri, headers, keys, at).get("authorization"))
                    .isEqualTo(sdkAuthorization(uri, headers, keys, "us-east-1", at));
        }
    }

    @Test
    void hostHeaderCarriesOnlyANonDefaultPort() {
        assertThat(S3PutSigner.hostHeader(URI.create("http://minio:80/b/k"))).isEqualTo("minio");
        assertThat(S3PutSigner.hostHeader(URI.create("https://s3.example.com:443/b/k"))).isEqualTo("s3.example.com");
        assertThat(S3PutSigner.hostHeader(URI.create("http://127.0.0.1:9000/b/k"))).isEqualTo("127.0.0.1:9000");
        assertThat(S3PutSigner.hostHeader(URI.create("https://minio:80/b/k"))).isEqualTo("minio:80");
    }

    private static String sdkAuthorization(URI uri, Map<String, String> headers, AwsCredentials credentials,
                                           String region, Instant now) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.PUT).uri(uri)
                .putHeader("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        new TreeMap<>(headers).forEach(request::putHeader);
        return AwsV4HttpSigner.create().sign(r -> r.identity(credentials).request(request.build())
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(now, ZoneOffset.UTC)))
                .request().firstMatchingHeader("Authorization").orElseThrow();
    }
}
