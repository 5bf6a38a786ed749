package io.platform.etl.exporter.storage;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * AWS Signature Version 4 for one S3 PUT with an unsigned payload (the body is protected by the signed
 * {@code x-amz-checksum-sha256} instead). Only this request shape: no query string, headers already in their
 * final form, the path already URI-encoded once (S3 does not double-encode). The signing key depends only on
 * secret, day and region, so it is derived once a day instead of four HMACs per request (ADR 0107); the result
 * equals the AWS SDK signer's, which a test checks on keys with spaces, Cyrillic and reserved characters.
 */
final class S3PutSigner {

    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final String SERVICE = "s3";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private final String region;
    /** The last derived key; replaced (never mutated) when the day, the secret or the region changes. */
    private volatile SigningKey cachedKey;

    S3PutSigner(String region) {
        this.region = Objects.requireNonNull(region, "region");
    }

    /**
     * The headers to send with a PUT of {@code uri} at {@code now}: {@code headers} (lower-case names) plus
     * {@code x-amz-date}, {@code x-amz-content-sha256}, the session token when there is one, and
     * {@code authorization}. Host is signed as the HTTP client will send it, and left for the client to set.
     */
    Map<String, String> sign(URI uri, Map<String, String> headers, AwsCredentials credentials, Instant now) {
        String amzDate = AMZ_DATE.format(now);
        String day = amzDate.substring(0, 8);
        Map<String, String> signed = new TreeMap<>(headers);
        signed.put("host", hostHeader(uri));
        signed.put("x-amz-content-sha256", UNSIGNED_PAYLOAD);
        signed.put("x-amz-date", amzDate);
        if (credentials instanceof AwsSessionCredentials session) {
            signed.put("x-amz-security-token", session.sessionToken());
        }
        StringBuilder canonical = new StringBuilder(512).append("PUT\n").append(uri.getRawPath()).append("\n\n");
        StringBuilder names = new StringBuilder(128);
        for (Map.Entry<String, String> h : signed.entrySet()) {
            canonical.append(h.getKey()).append(':').append(canonicalValue(h.getValue())).append('\n');
            names.append(names.isEmpty() ? "" : ";").append(h.getKey());
        }
        canonical.append('\n').append(names).append('\n').append(UNSIGNED_PAYLOAD);
        String scope = day + "/" + region + "/" + SERVICE + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + HEX.formatHex(sha256(canonical));
        String signature = HEX.formatHex(hmac(key(credentials.secretAccessKey(), day).bytes(), stringToSign));

        Map<String, String> out = new LinkedHashMap<>(signed);
        out.remove("host"); // the HTTP client sets it
        out.put("authorization", ALGORITHM + " Credential=" + credentials.accessKeyId() + "/" + scope
                + ", SignedHeaders=" + names + ", Signature=" + signature);
        return out;
    }

    /** host, or host:port when the port is not the scheme's default, as HttpURLConnection sends it. */
    static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean standard = port == -1 || (port == 80 && "http".equalsIgnoreCase(uri.getScheme()))
                || (port == 443 && "https".equalsIgnoreCase(uri.getScheme()));
        return standard ? uri.getHost() : uri.getHost() + ":" + port;
    }

    /** Trimmed, runs of spaces collapsed to one (SigV4's canonical header value). */
    private static String canonicalValue(String value) {
        String trimmed = value.strip();
        return trimmed.contains("  ") ? trimmed.replaceAll(" {2,}", " ") : trimmed;
    }

    private SigningKey key(String secret, String day) {
        SigningKey current = cachedKey;
        if (current != null && current.matches(secret, day)) {
            return current;
        }
        byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), day);
        k = hmac(k, region);
        k = hmac(k, SERVICE);
        k = hmac(k, "aws4_request");
        SigningKey fresh = new SigningKey(secret, day, k);
        cachedKey = fresh;
        return fresh;
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] sha256(CharSequence text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A derived signing key and what it was derived from (the secret is compared, never logged). */
    private record SigningKey(String secret, String day, byte[] bytes) {
        boolean matches(String otherSecret, String otherDay) {
            return day.equals(otherDay) && secret.equals(otherSecret);
        }

        @Override
        public String toString() {
            return "SigningKey[" + day + "]";
        }
    }
}
