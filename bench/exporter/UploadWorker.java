import io.platform.etl.exporter.config.StorageProperties;
import io.platform.etl.exporter.storage.SignedPutClient;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * One fresh JVM uploading the prepared objects with one client, as the exporter would (THREADS upload threads,
 * SHA-256 known from writing the file). Prints {@code RESULT wall_ns window_cpu_ns process_cpu_ns}: the window is
 * client construction to the last ETag; process CPU includes JVM start, class loading and JIT. Started by
 * {@link UploadBench}.
 */
final class UploadWorker {

    private static final String CONTENT_TYPE = "text/csv; charset=utf-8";

    /** One upload client under test. */
    interface Uploader extends AutoCloseable {
        String put(String key, Path file, long size, String sha256Hex) throws Exception;

        @Override
        default void close() {
        }
    }

    /** One prepared object: file, size and the SHA-256 the exporter computes while writing it. */
    record Item(Path file, long size, String sha256Hex) {
    }

    public static void main(String[] args) throws Exception {
        String variant = args[0];
        URI endpoint = URI.create(args[1]);
        String region = args[2];
        AwsCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(args[3], args[4]));
        String bucket = args[5];
        Path dir = Path.of(args[6]);
        String prefix = args[7];
        int threads = Integer.parseInt(args[8]);
        List<Item> items = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("index.tsv"))) {
            String[] f = line.split("\t");
            items.add(new Item(dir.resolve(f[0]), Long.parseLong(f[1]), f[2]));
        }

        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (Uploader uploader = open(variant, endpoint, region, credentials, bucket, threads)) {
            List<Future<String>> etags = new ArrayList<>();
            for (Item item : items) {
                String key = prefix + "/" + item.file().getFileName();
                etags.add(pool.submit(() -> uploader.put(key, item.file(), item.size(), item.sha256Hex())));
            }
            for (Future<String> etag : etags) {
                if (etag.get() == null) {
                    throw new IllegalStateException("no ETag");
                }
            }
        } finally {
            pool.shutdown();
        }
        long wall = System.nanoTime() - t0;
        long cpu = processCpuNanos();
        System.out.println("RESULT " + wall + " " + (cpu - cpu0) + " " + cpu);
    }

    static Uploader open(String variant, URI endpoint, String region, AwsCredentialsProvider credentials,
                         String bucket, int threads) {
        return switch (variant) {
            case "hand" -> {
                SignedPutClient client = new SignedPutClient(credentials, new StorageProperties(endpoint.toString(),
                        region, null, null, bucket, null, true, 1L << 30, 5L << 20, threads));
                yield (key, file, size, sha) -> client.put(key, file, size, CONTENT_TYPE, sha);
            }
            case "sdk" -> {
                // The sync client as the exporter would configure it: no aws-chunked body, checksums only where S3
                // requires them, the SHA-256 from writing the file sent as x-amz-checksum-sha256.
                S3Client s3 = S3Client.builder().region(Region.of(region)).credentialsProvider(credentials)
                        .endpointOverride(endpoint).forcePathStyle(true)
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                        .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                        .build();
                yield new Uploader() {
                    @Override
                    public String put(String key, Path file, long size, String sha) {
                        return s3.putObject(request(bucket, key, size, sha), RequestBody.fromFile(file)).eTag();
                    }

                    @Override
                    public void close() {
                        s3.close();
                    }
                };
            }
            case "crt" -> {
                // The CRT client's TLS (s2n) does not read the JDK trust store: the bench's self-signed certificate
                // is accepted by turning verification off, which costs nothing in the handshake.
                S3AsyncClient s3 = S3AsyncClient.crtBuilder().region(Region.of(region)).credentialsProvider(credentials)
                        .endpointOverride(endpoint).forcePathStyle(true).maxConcurrency(threads)
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                        .httpConfiguration(h -> h.trustAllCertificatesEnabled(true))
                        .build();
                yield new Uploader() {
                    @Override
                    public String put(String key, Path file, long size, String sha) {
                        return s3.putObject(request(bucket, key, size, sha), AsyncRequestBody.fromFile(file)).join().eTag();
                    }

                    @Override
                    public void close() {
                        s3.close();
                    }
                };
            }
            default -> throw new IllegalArgumentException("unknown client " + variant + " (hand, sdk, crt)");
        };
    }

    private static PutObjectRequest request(String bucket, String key, long size, String sha256Hex) {
        return PutObjectRequest.builder().bucket(bucket).key(key).contentType(CONTENT_TYPE).contentLength(size)
                .checksumSHA256(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256Hex))).build();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
