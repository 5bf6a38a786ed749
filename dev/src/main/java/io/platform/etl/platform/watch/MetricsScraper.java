package io.platform.etl.platform.watch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Reads a service's own {@code /prometheus} endpoint. */
public final class MetricsScraper {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    /** The reading, or empty when the service does not answer with metrics (down, starting). */
    public Optional<StageReading> read(int port) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/prometheus"))
                .timeout(TIMEOUT).header("Accept", "text/plain; version=0.0.4").GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            return Optional.of(StageReading.of(PrometheusText.parse(response.body()), System.nanoTime()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
