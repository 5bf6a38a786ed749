package io.platform.etl.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The Keycloak path of {@code up} as README's First run walks it, on the shared platform: {@code ./platform token}
 * gets a token from the real Keycloak, README's curl line reads the filter rules with it, the writer creates a
 * version and the reader is refused a write.
 */
@Order(2)
class KeycloakPathIT {

    private static final String PIPELINE = "advanced-streaming-pipeline";
    private static final String RULES = "{\"pipeline\":\"" + PIPELINE + "\",\"rules\":[{\"id\":\"only-clicks\","
            + "\"field\":\"event_type\",\"operator\":\"equals\",\"value\":\"click\"}]}";

    private final SharedPlatform platform = SharedPlatform.get();
    private final String api = "http://127.0.0.1:" + platform.ports.service(8080) + "/api/v1/filter-rules";

    KeycloakPathIT() throws Exception {
    }

    @Test
    void readmesCurlLineReadsTheFilterRulesWithAWriterTokenFromKeycloak() throws Exception {
        String curl = readmeCurlLine().replace(":8080/", ":" + platform.ports.service(8080) + "/")
                .replace("-s ", "-s -w '\\nHTTP %{http_code}' ");
        Process p = platform.bash(List.of("bash", "-c", curl));
        var output = SharedPlatform.readAll(p);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output.get(10, TimeUnit.SECONDS)).contains("\"rules\"").endsWith("HTTP 200");
    }

    @Test
    void theWriterCreatesAVersionAndTheReaderIsRefusedAWrite() throws Exception {
        String writer = token("writer");
        assertThat(claims(writer)).contains("\"iss\":\"http://localhost:" + platform.ports.oidc() + "/realms/etl\"");
        HttpResponse<String> before = send(HttpRequest.newBuilder(URI.create(api + "?pipeline=" + PIPELINE)), writer);
        assertThat(before.statusCode()).as(before.body()).isEqualTo(200);
        int version = version(before);

        HttpResponse<String> created = send(post(), writer);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(version(created)).isEqualTo(version + 1);
        assertThat(created.body()).contains("only-clicks");

        String reader = token("reader");
        HttpResponse<String> refused = send(post(), reader);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        HttpResponse<String> read = send(HttpRequest.newBuilder(URI.create(api + "?pipeline=" + PIPELINE)), reader);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(version(read)).as("the refused write left no version").isEqualTo(version + 1);
    }

    private HttpRequest.Builder post() {
        return HttpRequest.newBuilder(URI.create(api)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(RULES));
    }

    private String token(String user) throws Exception {
        SharedPlatform.Result token = platform.run(60, "token", user);
        assertThat(token.code()).as(token.output()).isZero();
        return token.output().strip();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    private static int version(HttpResponse<String> response) {
        return Integer.parseInt(response.headers().firstValue("ETag").orElseThrow().replace("\"", ""));
    }

    private static String claims(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    /** README's First run: the two lines of {@code curl … $(./platform token writer) …}, joined. */
    private static String readmeCurlLine() throws Exception {
        List<String> lines = Files.readAllLines(SharedPlatform.ROOT.resolve("README.md"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("curl -s -H \"Authorization: Bearer $(./platform token writer)\"")) {
                return (lines.get(i).strip().replaceAll("\\\\$", "") + " " + lines.get(i + 1).strip());
            }
        }
        throw new AssertionError("README.md has no curl line with ./platform token writer");
    }
}
