package io.platform.etl.platform.health;

import io.platform.etl.testkit.FreePort;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Whether the ports a platform needs are free, and who holds them when they are not. */
public final class PortCheck {

    private PortCheck() {
    }

    public static boolean free(int port) {
        return FreePort.isFree(port);
    }

    /** The ports of {@code wanted} (name → port) that are taken, in the given order. */
    public static Map<String, Integer> taken(Map<String, Integer> wanted) {
        Map<String, Integer> taken = new LinkedHashMap<>();
        wanted.forEach((name, port) -> {
            if (!free(port)) {
                taken.put(name, port);
            }
        });
        return taken;
    }

    /** A message naming each taken port and its holder, e.g. for {@code up} refusing to start. */
    public static String describe(Map<String, Integer> taken) {
        return taken.entrySet().stream()
                .map(e -> "port " + e.getValue() + " (" + e.getKey() + ") is already in use" + holder(e.getValue()))
                .collect(Collectors.joining("\n"));
    }

    /** What {@code ss -ltnp} says about the listener on {@code port}, as a suffix; empty when unknown. */
    static String holder(int port) {
        String line = listenerLine(port);
        return line.isBlank() ? "" : " by: " + line.strip().replaceAll("\\s+", " ");
    }

    private static String listenerLine(int port) {
        try {
            Process ss = new ProcessBuilder(List.of("ss", "-Hltnp", "sport = :" + port)).redirectErrorStream(true)
                    .start();
            String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return ss.waitFor(5, TimeUnit.SECONDS) && ss.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
