package io.platform.etl.stagetestkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain GETs against a stage's management endpoints (health, prometheus). */
final class StageHttp {

    private final HttpClient client = HttpClient.newHttpClient();
    private final URI base;

    StageHttp(URI base) {
        this.base = base;
    }

    int status(String path) {
        return get(path).statusCode();
    }

    String body(String path) {
        return get(path).body();
    }

    private HttpResponse<String> get(String path) {
        try {
            return client.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
