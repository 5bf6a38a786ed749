package io.platform.etl.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.etl.platform.health.PortCheck;
import io.platform.etl.testkit.FreePort;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortCheckTest {

    @Test
    void namesTheTakenPortAndWhatHoldsIt() throws Exception {
        int free = FreePort.pick();
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, Integer> wanted = new LinkedHashMap<>();
            wanted.put("redis", free);
            wanted.put("postgres", held.getLocalPort());
            Map<String, Integer> taken = PortCheck.taken(wanted);
            assertThat(taken).containsExactly(Map.entry("postgres", held.getLocalPort()));
            String message = PortCheck.describe(taken);
            assertThat(message).startsWith("port " + held.getLocalPort() + " (postgres) is already in use");
            assertThat(message).contains("pid=" + ProcessHandle.current().pid());
        }
    }

    @Test
    void aPortIsFreeAgainOnceItsListenerCloses() throws Exception {
        int port;
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = held.getLocalPort();
            assertThat(PortCheck.free(port)).isFalse();
        }
        assertThat(PortCheck.free(port)).isTrue();
    }
}
