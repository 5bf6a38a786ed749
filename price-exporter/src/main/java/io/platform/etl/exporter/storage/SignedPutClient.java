package io.platform.etl.exporter.storage;

import io.platform.etl.exporter.config.StorageProperties;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Uploads one object with a single PUT: headers signed with SigV4 ({@link S3PutSigner}), the body's SHA-256
 * (computed while the file was written) sent as {@code x-amz-checksum-sha256} so the server verifies the bytes
 * without the client reading the file twice, over the JDK's keep-alive HTTP connection. This is the hot path
 * of an export (one PUT per client and format); the SDK's full client spends about three times the CPU per
 * small PUT in its request pipeline (ADR 0105), so it is kept for multipart uploads only; its signer, about a
 * fifth of what is left, derived the signing key on every request (ADR 0107).
 */
@Singleton
public class SignedPutClient {

    private static final Logger LOG = LoggerFactory.getLogger(SignedPutClient.class);
    private static final int MAX_ATTEMPTS = 4;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int READ_TIMEOUT_MS = 120_000;
    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]*)</Code>");
    private static final Pattern ERROR_MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");

    private final S3PutSigner signer;
    private final AwsCredentialsProvider credentials;
    private final String bucket;
    private final URI base;
    private final boolean pathStyle;

    public SignedPutClient(AwsCredentialsProvider credentials, StorageProperties props) {
        this.credentials = credentials;
        this.signer = new S3PutSigner(props.region());
        this.bucket = props.bucket();
        boolean custom = props.endpoint() != null && !props.endpoint().isBlank();
        this.base = URI.create(custom ? props.endpoint() : "https://s3." + props.region() + ".amazonaws.com");
        this.pathStyle = custom && props.pathStyle();
    }

    /** Uploads the file of {@code size} bytes, whose SHA-256 is given in hex, under the key; returns the ETag. */
    public String put(String key, Path file, long size, String contentType, String sha256Hex) throws IOException {
        return put(key, size, contentType, HexFormat.of().parseHex(sha256Hex), () -> {
            try {
                return Files.newInputStream(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Uploads the bytes under the key; returns the object's ETag. */
    public String put(String key, byte[] content, String contentType) throws IOException {
        return put(key, content.length, contentType, sha256(content), () -> new ByteArrayInputStream(content));
    }

    /** The URL of the object: path-style on a custom endpoint when configured, else virtual-hosted. */
    URI objectUri(String key) {
        String path = SdkHttpUtils.urlEncodeIgnoreSlashes(key);
        if (pathStyle) {
            return base.resolve(trimSlash(base.getPath()) + "/" + bucket + "/" + path);
        }
        String authority = bucket + "." + base.getHost() + (base.getPort() == -1 ? "" : ":" + base.getPort());
        return URI.create(base.getScheme() + "://" + authority + trimSlash(base.getPath()) + "/" + path);
    }

    private String put(String key, long size, String contentType, byte[] sha256, Supplier<InputStream> body)
            throws IOException {
        IOException last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                return attempt(key, size, contentType, sha256, body);
            } catch (PutRejectedException e) {
                throw e;
            } catch (IOException e) {
                last = e; // 5xx, 429, RequestTimeout, connection refused or reset, timeouts: worth another attempt
            }
            if (attempt < MAX_ATTEMPTS) {
                LOG.debug("PUT {} attempt {} failed, retrying: {}", key, attempt, last.getMessage());
                sleep(FIRST_BACKOFF.multipliedBy(1L << (attempt - 1)));
            }
        }
        throw new IOException("PUT s3://" + bucket + "/" + key + " failed after " + MAX_ATTEMPTS + " attempts: "
                + last.getMessage(), last);
    }

    private String attempt(String key, long size, String contentType, byte[] sha256, Supplier<InputStream> body)
            throws IOException {
        URI uri = objectUri(key);
        Map<String, String> headers = signer.sign(uri, Map.of("content-type", contentType,
                "x-amz-checksum-sha256", Base64.getEncoder().encodeToString(sha256)),
                credentials.resolveCredentials(), Instant.now());
        HttpURLConnection http = (HttpURLConnection) uri.toURL().openConnection();
        http.setConnectTimeout(CONNECT_TIMEOUT_MS);
        http.setReadTimeout(READ_TIMEOUT_MS);
        http.setRequestMethod("PUT");
        http.setDoOutput(true);
        http.setFixedLengthStreamingMode(size);
        headers.forEach(http::setRequestProperty);
        try (InputStream in = body.get(); OutputStream out = http.getOutputStream()) {
            in.transferTo(out);
        }
        int status = http.getResponseCode();
        if (status / 100 == 2) {
            try (InputStream in = http.getInputStream()) {
                in.transferTo(OutputStream.nullOutputStream()); // read to the end: the connection is reused
            }
            return http.getHeaderField("ETag");
        }
        String error = errorBody(http);
        String message = "PUT s3://" + bucket + "/" + key + ": HTTP " + status + describe(error);
        // S3 answers 400 RequestTimeout when the body arrived too slowly: worth another attempt, like 5xx
        if (status >= 500 || status == 429 || error.contains("<Code>RequestTimeout</Code>")) {
            throw new RetryableException(message);
        }
        throw new PutRejectedException(message);
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String errorBody(HttpURLConnection http) {
        try (InputStream err = http.getErrorStream()) {
            return err == null ? "" : new String(err.readNBytes(16 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** " Code: Message" from an S3 error document, or nothing. */
    static String describe(String errorXml) {
        Matcher code = ERROR_CODE.matcher(errorXml);
        Matcher message = ERROR_MESSAGE.matcher(errorXml);
        return (code.find() ? " " + code.group(1) : "") + (message.find() ? ": " + message.group(1) : "");
    }

    private static String trimSlash(String path) {
        return path == null || path.equals("/") ? "" : path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static void sleep(Duration d) throws IOException {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }

    /** The server refused the request for good (4xx): bad credentials, missing bucket, denied. */
    static final class PutRejectedException extends IOException {
        PutRejectedException(String message) {
            super(message);
        }
    }

    /** A 5xx or 429 answer: the server may take the request on another attempt. */
    private static final class RetryableException extends IOException {
        RetryableException(String message) {
            super(message);
        }
    }
}
