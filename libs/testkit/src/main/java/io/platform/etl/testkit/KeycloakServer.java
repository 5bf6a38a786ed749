package io.platform.etl.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A real Keycloak server ({@code kc.sh start-dev}, in-memory H2) started from an unpacked
 * {@code org.keycloak:keycloak-quarkus-dist} zip, with one realm imported from a realm export JSON.
 *
 * <p>The server runs on the current JVM's Java ({@code java.home}) with a modest heap, logs to
 * {@code <distHome>/../keycloak-PORT.log}, and is pinned to {@code http://localhost:PORT} as its hostname so that
 * {@code iss} does not depend on the Host header of a request. The first start of a fresh distribution
 * "augments" it (about 25 s extra, kept in {@code lib/quarkus}); {@link #start} waits up to
 * {@link #START_TIMEOUT}.
 */
public final class KeycloakServer implements AutoCloseable {

    /**
     * A safety net, not a speed check: ready in ~22 s on a quiet machine, but the first start augments (~25-65 s) and
     * a two-core machine shared by several builds (load 30) was seen to take over 4 minutes.
     */
    public static final Duration START_TIMEOUT = Duration.ofMinutes(10);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Thread shutdownHook;
    private final Path log;
    private final String realm;
    private final JsonNode discovery;

    private KeycloakServer(Process process, Thread shutdownHook, Path log, String realm, JsonNode discovery) {
        this.process = process;
        this.shutdownHook = shutdownHook;
        this.log = log;
        this.realm = realm;
        this.discovery = discovery;
    }

    /**
     * Starts Keycloak from {@code distHome} (the folder holding {@code bin/kc.sh}) on {@code port} (0 = a free
     * port) and imports {@code realmJson}; returns once the realm's discovery document is served.
     *
     * @throws IllegalStateException with the end of the server log when it exits or is not ready in time
     */
    public static KeycloakServer start(Path distHome, int port, Path realmJson) {
        return start(distHome, port, realmJson, Map.of());
    }

    /**
     * As {@link #start(Path, int, Path)}, with extra environment variables for the server process: Keycloak
     * resolves {@code ${NAME}} and {@code ${NAME:default}} placeholders in the imported realm JSON from them (for
     * example a redirect URI that contains a port only known at test time).
     */
    public static KeycloakServer start(Path distHome, int port, Path realmJson, Map<String, String> environment) {
        int httpPort = port == 0 ? FreePort.pick() : port;
        Path log = distHome.toAbsolutePath().getParent().resolve("keycloak-" + httpPort + ".log");
        return start(distHome, httpPort, realmJson, environment, log, line -> { });
    }

    /**
     * As {@link #start(Path, int, Path, Map)}, writing the server's output to {@code log} and handing each new line of
     * it to {@code progress} while waiting (for a launcher that shows the start).
     */
    public static KeycloakServer start(Path distHome, int port, Path realmJson, Map<String, String> environment,
                                       Path log, Consumer<String> progress) {
        Path kcSh = distHome.resolve("bin/kc.sh");
        if (!Files.isRegularFile(kcSh)) {
            throw new IllegalStateException("no Keycloak distribution at " + distHome + " (missing bin/kc.sh)");
        }
        int httpPort = port == 0 ? FreePort.pick() : port;
        String realm = realmName(realmJson);
        Process process = launch(distHome, kcSh, httpPort, realmJson, log, environment);
        Thread hook = new Thread(() -> destroyTree(process), "keycloak-" + httpPort + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            String discoveryUrl = "http://localhost:" + httpPort + "/realms/" + realm + "/.well-known/openid-configuration";
            JsonNode discovery = awaitDiscovery(process, URI.create(discoveryUrl), log, new LogFollower(log, progress));
            return new KeycloakServer(process, hook, log, realm, discovery);
        } catch (RuntimeException e) {
            destroyTree(process);
            Runtime.getRuntime().removeShutdownHook(hook);
            throw e;
        }
    }

    private static Process launch(Path distHome, Path kcSh, int port, Path realmJson, Path log,
                                  Map<String, String> environment) {
        try {
            Path imports = Files.createDirectories(distHome.resolve("data/import"));
            Files.copy(realmJson, imports.resolve(realmJson.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            if (!kcSh.toFile().canExecute() && !kcSh.toFile().setExecutable(true)) {
                throw new IllegalStateException("cannot make " + kcSh + " executable");
            }
            ProcessBuilder builder = new ProcessBuilder(kcSh.toAbsolutePath().toString(), "start-dev",
                    "--db=dev-mem", "--import-realm", "--http-port=" + port,
                    "--hostname=http://localhost:" + port)
                    .directory(distHome.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.putAll(environment);
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            // C1 only: a faster start and less CPU taken from the tests beside it; throughput does not matter here.
            env.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Keycloak from " + distHome, e);
        }
    }

    private static JsonNode awaitDiscovery(Process process, URI discoveryUrl, Path log, LogFollower follower) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            follower.poll();
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + " before it was ready;"
                        + " log " + log + ":\n" + tail(log));
            }
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(discoveryUrl)
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    follower.poll();
                    return JSON.readTree(response.body());
                }
            } catch (IOException notYet) {
                // connection refused while booting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
            pause();
        }
        throw new IllegalStateException("Keycloak not ready within " + START_TIMEOUT + " at " + discoveryUrl
                + "; log " + log + ":\n" + tail(log));
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Keycloak", e);
        }
    }

    private static String realmName(Path realmJson) {
        try {
            String name = JSON.readTree(realmJson.toFile()).path("realm").asText("");
            if (name.isBlank()) {
                throw new IllegalArgumentException(realmJson + " has no \"realm\" name");
            }
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read realm export " + realmJson, e);
        }
    }

    /** The realm name taken from the imported JSON. */
    public String realm() {
        return realm;
    }

    /** {@code http://localhost:PORT/realms/REALM}: the {@code iss} of every token of the realm. */
    public String issuer() {
        return discovery.path("issuer").asText();
    }

    public String jwksUri() {
        return discovery.path("jwks_uri").asText();
    }

    public String tokenEndpoint() {
        return discovery.path("token_endpoint").asText();
    }

    public String authorizationEndpoint() {
        return discovery.path("authorization_endpoint").asText();
    }

    /** The realm's discovery document as served at start. */
    public JsonNode discovery() {
        return discovery;
    }

    /** Where the server writes its output. */
    public Path log() {
        return log;
    }

    /**
     * An access token from the token endpoint with the resource owner password grant ({@code clientId} must be a
     * public client with direct access grants enabled).
     *
     * @throws IllegalStateException with Keycloak's error body when the grant is refused
     */
    public String passwordGrantToken(String clientId, String username, String password) {
        return token(username + " via " + clientId, form(Map.of("grant_type", "password", "client_id", clientId,
                "username", username, "password", password, "scope", "openid")));
    }

    /** An access token for a confidential client's service account (client credentials grant). */
    public String clientCredentialsToken(String clientId, String secret) {
        return token(clientId, form(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret)));
    }

    private String token(String who, String form) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(tokenEndpoint()))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token request for " + who + " refused: "
                        + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("token request to " + tokenEndpoint() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during token request", e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** kc.sh runs java as a child: destroy the whole tree, children first, and wait for it to go. */
    private static void destroyTree(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(20, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                handle.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                handle.destroyForcibly();
            } catch (ExecutionException e) {
                handle.destroyForcibly();
            }
        }
    }

    /** Stops the server and its child processes. */
    @Override
    public void close() {
        destroyTree(process);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }
}
