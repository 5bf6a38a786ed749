import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** The geo stand-in: answers every address after {@code delayMillis}; counts calls. */
final class GeoService implements AutoCloseable {
    final HttpServer server;
    final AtomicLong calls = new AtomicLong();
    volatile int delayMillis;

    GeoService() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/location", exchange -> {
            calls.incrementAndGet();
            try (exchange) {
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
                byte[] body = "{\"country\":\"DE\",\"city\":\"Berlin\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/location";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
