package io.platform.etl.platform.demo;

import io.platform.etl.platform.infra.InfraSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the demo rules into a running rules API with a writer token. A write that needs a version
 * (428 / 412) is retried once with {@code If-Match} from a GET; a conflict (409) means it is already there.
 */
public final class RuleSeeder {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** The outcome of each request, one line each; failures are reported, never thrown. */
    public List<String> seed(String baseUrl, String token, List<DemoRequests.Request> requests) {
        List<String> outcomes = new ArrayList<>();
        for (DemoRequests.Request r : requests) {
            outcomes.add(r.method() + " " + r.path() + " → " + send(baseUrl, token, r));
        }
        return outcomes;
    }

    private String send(String baseUrl, String token, DemoRequests.Request r) {
        try {
            HttpResponse<String> response = http.send(request(baseUrl, token, r, null), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 428 || response.statusCode() == 412) {
                String etag = currentEtag(baseUrl, token, r.path());
                if (etag != null) {
                    response = http.send(request(baseUrl, token, r, etag), HttpResponse.BodyHandlers.ofString());
                }
            }
            int code = response.statusCode();
            return code < 300 ? code + " OK" : code == 409 ? "409 (already there)" : code + " " + abbreviate(response.body());
        } catch (IOException e) {
            return "failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private String currentEtag(String baseUrl, String token, String path) throws IOException, InterruptedException {
        HttpRequest get = HttpRequest.newBuilder(URI.create(baseUrl + path + "?pipeline=" + InfraSpec.PIPELINE))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).GET().build();
        return http.send(get, HttpResponse.BodyHandlers.ofString()).headers().firstValue("ETag").orElse(null);
    }

    private static HttpRequest request(String baseUrl, String token, DemoRequests.Request r, String ifMatch) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + r.path()))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(r.method(), HttpRequest.BodyPublishers.ofString(r.body()));
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return b.build();
    }

    private static String abbreviate(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }
}
