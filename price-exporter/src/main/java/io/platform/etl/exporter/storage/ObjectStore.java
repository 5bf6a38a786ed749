package io.platform.etl.exporter.storage;

import io.platform.etl.exporter.config.StorageProperties;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/** Uploads files to the bucket: single PUT below the multipart threshold, multipart upload above it. */
@Singleton
public class ObjectStore {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectStore.class);

    private final S3Client s3;
    private final String bucket;
    private final long multipartThreshold;
    private final long partSize;

    public ObjectStore(S3Client s3, StorageProperties props) {
        this.s3 = s3;
        this.bucket = props.bucket();
        this.multipartThreshold = props.multipartThreshold();
        this.partSize = props.partSize();
    }

    /** Uploads the file under the key and returns the object's ETag. */
    public String upload(Path file, String key, String contentType) throws IOException {
        long size = Files.size(file);
        if (size >= multipartThreshold) {
            return multipart(file, key, contentType, size);
        }
        PutObjectResponse response = s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType),
                RequestBody.fromFile(file));
        return response.eTag();
    }

    /** Writes a small object from memory (the manifest). */
    public String put(String key, byte[] content, String contentType) {
        return s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType),
                RequestBody.fromBytes(content)).eTag();
    }

    private String multipart(Path file, String key, String contentType, long size) throws IOException {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType)).uploadId();
        try (InputStream in = Files.newInputStream(file)) {
            List<CompletedPart> parts = new ArrayList<>();
            long offset = 0;
            int number = 1;
            while (offset < size || number == 1) {
                long length = Math.min(partSize, size - offset);
                int partNumber = number;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
                                .contentLength(length),
                        RequestBody.fromInputStream(in, length)).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
                offset += length;
                number++;
            }
            LOG.debug("Completing multipart upload of {} in {} parts", key, parts.size());
            return s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build())).eTag();
        } catch (IOException | RuntimeException e) {
            abortQuietly(key, uploadId, e);
            throw e;
        }
    }

    private void abortQuietly(String key, String uploadId, Exception cause) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
