package io.platform.etl.platform.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local stand-in for the spec's {@code geo-service} (ADR 0807): {@code GET /location?ip_address=IP} answers
 * {@code {"country":…,"city":…}} from a {@link GeoTable}, 404 for an address in no network, 400 without one. It
 * listens on a free port of 127.0.0.1; stage-enrich reaches it through {@code ENRICH_API_CONNECT_TO}.
 */
public final class GeoStandIn implements AutoCloseable {

    public static final String PATH = "/location";
    /** Where the pipeline spec's rules expect the geo service. */
    public static final String SPEC_ADDRESS = "geo-service:8080";

    private final ObjectMapper json = new ObjectMapper();
    private final GeoTable table;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public GeoStandIn(GeoTable table) {
        this.table = table;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the geo stand-in's port", e);
        }
        server.setExecutor(executor);
        server.createContext(PATH, this::handle);
        server.start();
    }

    /** {@code 127.0.0.1:<port>}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Optional<String> ip = parameter(exchange.getRequestURI().getRawQuery(), "ip_address");
            if (ip.isEmpty()) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            Optional<GeoTable.Location> location = table.locate(ip.get());
            if (location.isEmpty()) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = json.writeValueAsBytes(Map.of("ip_address", ip.get(), "country", location.get().country(),
                    "city", location.get().city()));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static Optional<String> parameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
