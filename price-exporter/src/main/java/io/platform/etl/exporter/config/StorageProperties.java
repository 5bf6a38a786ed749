package io.platform.etl.exporter.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * S3-compatible object storage the price lists are published to.
 *
 * @param endpoint           endpoint override (MinIO, Ceph, s3proxy…); empty = AWS
 * @param region             signing region
 * @param accessKey          static access key; empty = the SDK's default credential chain (IRSA, env, profile)
 * @param secretKey          static secret key
 * @param bucket             target bucket (must exist)
 * @param prefix             key prefix, no leading or trailing slash needed
 * @param pathStyle          path-style addressing (needed by most non-AWS servers)
 * @param multipartThreshold files at least this large are uploaded in parts
 * @param partSize           size of each part (S3 requires at least 5 MiB except for the last part)
 * @param uploadConcurrency  files uploaded in parallel while the next clients are read
 */
@ConfigurationProperties("exporter.storage")
public record StorageProperties(
        @Nullable String endpoint,
        @NotBlank(message = "STORAGE_REGION must not be empty") String region,
        @Nullable String accessKey,
        @Nullable String secretKey,
        @NotBlank(message = "STORAGE_BUCKET must be set (the bucket the price lists are uploaded to)") String bucket,
        @Nullable String prefix,
        boolean pathStyle,
        @Min(value = 1, message = "STORAGE_MULTIPART_THRESHOLD must be at least 1 byte") long multipartThreshold,
        @Min(value = 5L * 1024 * 1024, message = "STORAGE_PART_SIZE must be at least 5 MiB (5242880)") long partSize,
        @Min(value = 1, message = "STORAGE_UPLOAD_CONCURRENCY must be at least 1") int uploadConcurrency) {
}
