package io.platform.etl.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** {@code kubectl kustomize}, when a kubectl of at least 1.27 (kustomize v5) is on the PATH. */
final class KubectlKustomize {

    private KubectlKustomize() {
    }

    /** Why kubectl cannot be used here, or empty when it can. */
    static Optional<String> unavailableReason() {
        try {
            JsonNode version = YamlDocuments.YAML.readTree(run(List.of("kubectl", "version", "--client", "-o", "json")));
            JsonNode client = version.path("clientVersion");
            int major = Integer.parseInt(client.path("major").asText().replaceAll("\\D", ""));
            int minor = Integer.parseInt(client.path("minor").asText().replaceAll("\\D", ""));
            if (major > 1 || minor >= 27) {
                return Optional.empty();
            }
            return Optional.of("kubectl " + client.path("gitVersion").asText() + " is older than 1.27");
        } catch (IOException | RuntimeException e) {
            return Optional.of("no usable kubectl on PATH (" + e.getMessage() + ")");
        }
    }

    static String render(Path kustomizationDir) throws IOException {
        return run(List.of("kubectl", "kustomize", kustomizationDir.toString()));
    }

    private static String run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + err.strip());
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            p.destroy();
        }
    }
}
