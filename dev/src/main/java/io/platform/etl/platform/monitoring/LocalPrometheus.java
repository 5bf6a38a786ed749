package io.platform.etl.platform.monitoring;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the local Prometheus comes from (Debian's {@code prometheus} package: {@code /usr/bin/prometheus}, or
 * {@code PROMETHEUS_BIN}), its command line, and whether it answers {@code /-/ready}.
 */
public final class LocalPrometheus {

    /** Its pid file, log and {@code ports.env} entry. */
    public static final String NAME = "prometheus";
    /** Scrape and rule evaluation interval. */
    public static final Duration INTERVAL = Duration.ofSeconds(5);
    /** Every alert's {@code for:} locally (minutes in Kubernetes). */
    public static final Duration PENDING_FOR = Duration.ofSeconds(10);
    public static final String INSTALL_HINT = "sudo apt-get install -y prometheus (Debian/Ubuntu), or set PROMETHEUS_BIN";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LocalPrometheus() {
    }

    /** {@code PROMETHEUS_BIN}, else {@code prometheus} on the {@code PATH} (Debian: /usr/bin). */
    public static Optional<Path> binary(Map<String, String> env) {
        String explicit = env.get("PROMETHEUS_BIN");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit)).filter(Files::isExecutable);
        }
        for (String dir : env.getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, NAME);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public static List<String> command(Path binary, Path config, Path data, int port) {
        return List.of(binary.toString(), "--config.file=" + config, "--storage.tsdb.path=" + data,
                "--storage.tsdb.retention.time=1d", "--web.listen-address=127.0.0.1:" + port,
                "--web.enable-lifecycle");
    }

    public static String url(int port) {
        return "http://127.0.0.1:" + port;
    }

    /** {@code UP} when it answers {@code /-/ready}, else why not (for {@code status}). */
    public static String health(int port) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url(port) + "/-/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200 ? "UP" : "HTTP " + response.statusCode();
        } catch (IOException e) {
            return "unreachable";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
