package io.platform.etl.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Holds the ports of the local platform ({@code ./platform up}: 8080–8085) for the duration of a test class, so a
 * test that binds one of them fails here exactly as it would beside a running platform. Ports already taken (the
 * platform is up) are left alone. Use with {@code @ExtendWith(PlatformPortsOccupied.class)}.
 */
public final class PlatformPortsOccupied implements BeforeAllCallback, AfterAllCallback {

    /** The ports ./platform gives its services (rules-api, the four stages, price-exporter). */
    public static final List<Integer> PORTS = List.of(8080, 8081, 8082, 8083, 8084, 8085);

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PlatformPortsOccupied.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        List<ServerSocket> held = new ArrayList<>();
        for (int port : PORTS) {
            try {
                // The wildcard address, as a server binds by default: then any bind of this port fails.
                held.add(new ServerSocket(port));
            } catch (IOException taken) {
                // Already in use (the platform is up): it is occupied either way.
            }
        }
        context.getStore(NAMESPACE).put(context.getUniqueId(), new Held(held));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Held held = context.getStore(NAMESPACE).remove(context.getUniqueId(), Held.class);
        if (held != null) {
            held.close();
        }
    }

    private record Held(List<ServerSocket> sockets) implements ExtensionContext.Store.CloseableResource {

        @Override
        public void close() {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a listening socket we own; nothing to recover
                }
            }
        }
    }
}
