package io.platform.etl.exporter.storage;

import io.micronaut.context.BeanProvider;
import io.platform.etl.exporter.config.StorageProperties;
import io.platform.etl.exporter.output.WrittenFile;
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

/**
 * Uploads files to the bucket: a single signed PUT below the multipart threshold ({@link SignedPutClient}), an
 * SDK multipart upload above it.
 */
@Singleton
public class ObjectStore {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectStore.class);

    private final BeanProvider<S3Client> s3;
    private final SignedPutClient put;
    private final String bucket;
    private final long multipartThreshold;
    private final long partSize;

    /** The SDK client is built on the first multipart upload: most runs never need it. */
    public ObjectStore(BeanProvider<S3Client> s3, SignedPutClient put, StorageProperties props) {
        this.s3 = s3;
        this.put = put;
        this.bucket = props.bucket();
        this.multipartThreshold = props.multipartThreshold();
        this.partSize = props.partSize();
    }

    /** Uploads the written file under the key and returns the object's ETag. */
    public String upload(WrittenFile file, String key) throws IOException {
        String contentType = file.format().contentType();
        if (file.bytes() >= multipartThreshold) {
            return multipart(file.path(), key, contentType, file.bytes());
        }
        return put.put(key, file.path(), file.bytes(), contentType, file.sha256());
    }

    /** Writes a small object from memory (the manifest). */
    public String put(String key, byte[] content, String contentType) throws IOException {
        return put.put(key, content, contentType);
    }

    private String multipart(Path file, String key, String contentType, long size) throws IOException {
        S3Client s3 = this.s3.get();
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
            s3.get().abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
