package io.platform.etl.bench.kit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a service's own metrics, as Prometheus would. */
public final class Prometheus {

    private Prometheus() {
    }

    /** The text exposition of {@code http://127.0.0.1:PORT/prometheus}. */
    public static String scrape(int port) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    /** The value of the first line whose series matches the regex {@code series}, else {@code missing}. */
    public static double sample(String metrics, String series, double missing) {
        Matcher m = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : missing;
    }
}
