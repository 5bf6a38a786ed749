package io.platform.etl.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.testcontainers.DockerClientFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import org.testcontainers.containers.GenericContainer;

/**
 * A real S3-compatible server: s3proxy in this JVM on a filesystem blob store (it checks AWS v2/v4 signatures),
 * MinIO in a container, or an endpoint from the environment. Clients use path-style addressing.
 */
public final class S3Server implements AutoCloseable {

    private final URI endpoint;
    private final String accessKey;
    private final String secretKey;
    private final String region;
    private final Lifecycle lifecycle;

    private interface Lifecycle extends AutoCloseable {
        void stop() throws Exception;

        void start() throws Exception;
    }

    private S3Server(URI endpoint, String accessKey, String secretKey, String region, Lifecycle lifecycle) {
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.region = region;
        this.lifecycle = lifecycle;
    }

    /** Starts s3proxy on {@code port} (0 = free) storing blobs under {@code dataDir} (null = temp dir). */
    public static S3Server embedded(int port, Path dataDir, String accessKey, String secretKey) {
        try {
            Path base = dataDir != null ? Files.createDirectories(dataDir) : Files.createTempDirectory("s3proxy");
            Properties properties = new Properties();
            properties.setProperty("jclouds.filesystem.basedir", base.toString());
            properties.setProperty("jclouds.identity", accessKey);
            properties.setProperty("jclouds.credential", secretKey);
            BlobStore store = BlobStores.create("filesystem", properties);
            URI endpoint = URI.create("http://127.0.0.1:" + (port == 0 ? FreePort.pick() : port));
            S3Proxy proxy = newProxy(store, endpoint, accessKey, secretKey);
            Lifecycle lifecycle = new Lifecycle() {
                private S3Proxy current = proxy;

                @Override
                public void stop() throws Exception {
                    current.stop();
                }

                @Override
                public void start() throws Exception {
                    if ("STARTED".equals(current.getState())) {
                        return;
                    }
                    // A stopped Jetty server is not restartable: build a fresh proxy on the same store and port.
                    current = newProxy(store, endpoint, accessKey, secretKey);
                    current.start(); // returns once Jetty is started (or throws)
                }

                @Override
                public void close() throws Exception {
                    current.stop();
                }
            };
            proxy.start();
            return new S3Server(endpoint, accessKey, secretKey, "us-east-1", lifecycle);
        } catch (IOException e) {
            throw new UncheckedIOException("s3proxy data directory", e);
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start: " + e.getMessage(), e);
        }
    }

    private static S3Proxy newProxy(BlobStore store, URI endpoint, String accessKey, String secretKey) {
        return S3Proxy.builder()
                .blobStore(store)
                .endpoint(endpoint)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .ignoreUnknownHeaders(true)
                .build();
    }

    static S3Server container() {
        GenericContainer<?> minio = new GenericContainer<>("minio/minio:latest")
                .withEnv("MINIO_ROOT_USER", "testkit-access")
                .withEnv("MINIO_ROOT_PASSWORD", "testkit-secret-key")
                .withCommand("server", "/data")
                .withExposedPorts(9000);
        minio.start();
        var docker = DockerClientFactory.instance().client();
        URI endpoint = URI.create("http://" + minio.getHost() + ":" + minio.getMappedPort(9000));
        return new S3Server(endpoint, "testkit-access", "testkit-secret-key", "us-east-1", new Lifecycle() {
            @Override
            public void stop() {
                docker.pauseContainerCmd(minio.getContainerId()).exec();
            }

            @Override
            public void start() {
                docker.unpauseContainerCmd(minio.getContainerId()).exec();
            }

            @Override
            public void close() {
                minio.stop();
            }
        });
    }

    /** An S3 server someone else runs (TESTKIT_S3_ENDPOINT, the launcher's infra); it cannot be stopped from here. */
    public static S3Server external(String endpoint, String accessKey, String secretKey, String region) {
        return new S3Server(URI.create(endpoint), accessKey, secretKey, region, new Lifecycle() {
            @Override
            public void stop() {
                throw new UnsupportedOperationException("cannot stop an external S3 given by TESTKIT_S3_ENDPOINT");
            }

            @Override
            public void start() {
                throw new UnsupportedOperationException("cannot start an external S3 given by TESTKIT_S3_ENDPOINT");
            }

            @Override
            public void close() {
            }
        });
    }

    public URI endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public String region() {
        return region;
    }

    /** A path-style AWS SDK client for this server; the caller closes it. */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .build();
    }

    /** Creates a bucket through the S3 API itself, so it works against every backend. */
    public void createBucket(String name) {
        try (S3Client s3 = client()) {
            s3.createBucket(b -> b.bucket(name));
        } catch (BucketAlreadyOwnedByYouException e) {
            // already there: nothing to do
        }
    }

    /** Takes the server down until {@link #start()}; stored objects survive. */
    public void stop() {
        try {
            lifecycle.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop S3 server", e);
        }
    }

    public void start() {
        try {
            lifecycle.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not restart S3 server", e);
        }
    }

    @Override
    public void close() throws Exception {
        lifecycle.close();
    }
}
