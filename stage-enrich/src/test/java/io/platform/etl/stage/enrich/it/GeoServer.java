package io.platform.etl.stage.enrich.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP geo service for tests: {@code GET /location?ip_address=IP} answers {@code {"country":..,"city":..}}
 * from its table (404 when unknown), after a configurable delay, or 503 while failing. Counts requests.
 */
final class GeoServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String[]> table = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private volatile int minDelayMillis;
    private volatile int maxDelayMillis;
    private volatile boolean failing;

    GeoServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/location", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/location";
    }

    void put(String ip, String country, String city) {
        table.put(ip, new String[] {country, city});
    }

    /** Every answer waits a random time in [min, max] milliseconds. */
    void delay(int minMillis, int maxMillis) {
        minDelayMillis = minMillis;
        maxDelayMillis = maxMillis;
    }

    void failing(boolean failing) {
        this.failing = failing;
    }

    long requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            int max = maxDelayMillis;
            if (max > 0) {
                Thread.sleep(ThreadLocalRandom.current().nextInt(minDelayMillis, max + 1));
            }
            if (failing) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            String ip = query == null ? "" : URLDecoder.decode(query.replaceFirst("^ip_address=", ""),
                    StandardCharsets.UTF_8);
            String[] row = table.get(ip);
            if (row == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = ("{\"country\":\"" + row[0] + "\",\"city\":\"" + row[1] + "\",\"isp\":\"x\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the stage gave up on this call (timeout) and closed the connection
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
