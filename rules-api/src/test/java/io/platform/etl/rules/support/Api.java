package io.platform.etl.rules.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.platform.etl.model.rules.publish.RuleJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A small raw HTTP client for the service under test: status, headers and body exactly as sent. Every exchange
 * with {@code /api/v1/**} is checked against the contract ({@link ContractCheck}).
 */
public final class Api {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    public Api(URI base) {
        this.base = base;
    }

    /** A response; {@code json} is MissingNode when the body is not JSON. */
    public record Res(int status, java.net.http.HttpHeaders headers, String body) {

        public JsonNode json() {
            try {
                return RuleJson.mapper().readTree(body);
            } catch (IOException e) {
                return MissingNode.getInstance();
            }
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public String contentType() {
            return header("Content-Type").orElse("");
        }
    }

    public Res get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    public Res send(String method, String path, String token, String body, String ifMatch) {
        URI uri = base.resolve(path);
        Map<String, String> headers = new LinkedHashMap<>();
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (ifMatch != null) {
            headers.put("If-Match", ifMatch);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        Res res;
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            res = new Res(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        ContractCheck.check(method, uri, headers, body, res);
        return res;
    }
}
