package io.platform.etl.stage.aggregate;

import io.platform.etl.stagetestkit.StageProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Settings every broker test of the stage shares (in-process context or a separate JVM). */
final class ItProperties {

    private ItProperties() {
    }

    /**
     * @param spec the pipeline spec YAML (written to a temp file)
     */
    static Map<String, String> common(String bootstrap, String topicSuffix, String spec) {
        Map<String, String> p = StageProperties.eventTimeFromData(StageProperties.broker(topicSuffix));
        try {
            Path file = Files.createTempFile("aggregate-spec", ".yaml");
            Files.writeString(file, spec);
            p.put("pipeline.spec", file.toString());
            p.put("stage.state-dir", Files.createTempDirectory("aggregate-state").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        p.put("kafka.bootstrap.servers", bootstrap);
        p.put("rules.startup-wait", "0s");
        p.put("aggregate.emit-interval", "100ms");
        return p;
    }
}
