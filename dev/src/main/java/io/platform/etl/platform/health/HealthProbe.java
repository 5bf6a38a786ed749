package io.platform.etl.platform.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Asks a service's {@code /health}; the answer is its {@code status} ("UP", "DOWN") or why there is none. */
public final class HealthProbe {

    public static final String UP = "UP";
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public String status(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return statusOf(response.statusCode(), response.body());
        } catch (IOException e) {
            return "unreachable";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    static String statusOf(int httpStatus, String body) {
        Matcher m = STATUS.matcher(body == null ? "" : body);
        if (m.find()) {
            return m.group(1);
        }
        return "HTTP " + httpStatus;
    }
}
