package io.platform.etl.platform.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.platform.etl.platform.infra.DemoUsers;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Gets an access token for a demo user from the local OIDC token endpoint, Keycloak's or the stand-in's: password
 * grant on the public client {@value DemoUsers#CLIENT_ID}.
 */
public final class TokenClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public String token(String tokenEndpoint, String user) {
        if (!DemoUsers.roles().containsKey(user)) {
            throw new IllegalArgumentException("unknown demo user '" + user + "' (demo users: "
                    + String.join(", ", DemoUsers.roles().keySet()) + ")");
        }
        String form = Map.of("grant_type", "password", "username", user, "password", DemoUsers.password(user),
                        "client_id", DemoUsers.CLIENT_ID, "scope", "openid")
                .entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token endpoint " + tokenEndpoint + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            JsonNode token = JSON.readTree(response.body()).get("access_token");
            if (token == null) {
                throw new IllegalStateException("no access_token in the answer of " + tokenEndpoint);
            }
            return token.asText();
        } catch (IOException e) {
            throw new IllegalStateException("token endpoint " + tokenEndpoint + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
