package io.platform.etl.exporter.storage;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.platform.etl.exporter.config.StorageProperties;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the S3 client (multipart uploads) for any S3-compatible server (endpoint override + path-style
 * addressing), and the credentials it shares with {@link SignedPutClient}.
 */
@Factory
class S3ClientFactory {

    /** Static keys when configured, else the SDK's default chain (IRSA web identity, env, profile, instance). */
    @Singleton
    AwsCredentialsProvider credentials(StorageProperties props) {
        if (props.accessKey() == null || props.accessKey().isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(props.accessKey(), props.secretKey()));
    }

    @Singleton
    @Bean(preDestroy = "close")
    S3Client s3Client(StorageProperties props, AwsCredentialsProvider credentials) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(props.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(props.pathStyle())
                // Checksums only where S3 requires them: the SDK's default CRC trailers cost CPU per byte and are
                // rejected by some S3-compatible servers; integrity is covered by the manifest's SHA-256.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallAttemptTimeout(Duration.ofMinutes(2))
                        .apiCallTimeout(Duration.ofMinutes(5))
                        .build());
        if (props.endpoint() != null && !props.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(props.endpoint()));
        }
        return builder.build();
    }
}
