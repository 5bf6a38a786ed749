package io.platform.etl.bench.kit.stage;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/** The settings every stage service is started with in a benchmark, as system properties. */
public final class StageServiceSettings {

    private StageServiceSettings() {
    }

    /**
     * Plaintext broker, pipeline spec, application and instance id (both {@code applicationId}), topics, stream
     * threads, a fresh state directory and the HTTP port ({@code -1}: none). The caller adds what its stage needs.
     */
    public static Map<String, String> of(String bootstrap, String spec, String applicationId, String input,
                                         String output, String deadLetters, int threads, int port) throws IOException {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("kafka.bootstrap.servers", bootstrap);
        props.put("kafka.security-protocol", "PLAINTEXT");
        props.put("pipeline.spec", spec);
        props.put("stage.application-id", applicationId);
        props.put("stage.instance-id", applicationId);
        props.put("stage.topics.input", input);
        props.put("stage.topics.output", output);
        props.put("stage.topics.dead-letter", deadLetters);
        props.put("stage.threads", Integer.toString(threads));
        props.put("stage.state-dir", Files.createTempDirectory("bench-" + applicationId).toString());
        props.put("micronaut.server.port", Integer.toString(port));
        return props;
    }
}
