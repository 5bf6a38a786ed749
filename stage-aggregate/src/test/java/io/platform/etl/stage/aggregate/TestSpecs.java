package io.platform.etl.stage.aggregate;

import io.platform.etl.model.spec.PipelineSpecParser;
import io.platform.etl.model.spec.StreamingPipeline;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The pipeline spec with the aggregate stage's output mode, late-data handling and aggregations replaced. */
final class TestSpecs {

    static final String SEED_AGGREGATIONS = """
                - field: "amount"
                  function: "sum"
                  alias: "total_amount"
                - field: "event_count"
                  function: "count"
                  alias: "event_count"
                - field: "timestamp"
                  function: "max"
                  alias: "last_event_time"
            """;

    private TestSpecs() {
    }

    static StreamingPipeline seedWith(String outputMode, String lateHandling) {
        return seedWith(outputMode, lateHandling, SEED_AGGREGATIONS);
    }

    static StreamingPipeline seedWith(String outputMode, String lateHandling, String aggregations) {
        return PipelineSpecParser.parse(yaml(outputMode, lateHandling, aggregations));
    }

    static String yaml(String outputMode, String lateHandling, String aggregations) {
        String seed = seedText();
        int from = seed.indexOf("          aggregations:\n") + "          aggregations:\n".length();
        int to = seed.indexOf("          output_mode:");
        return (seed.substring(0, from) + aggregations.stripIndent().stripTrailing().indent(12) + seed.substring(to))
                .replace("output_mode: \"update\"", "output_mode: \"" + outputMode + "\"")
                .replace("late_data_handling: \"drop\"", "late_data_handling: \"" + lateHandling + "\"");
    }

    private static String seedText() {
        try (InputStream in = TestSpecs.class.getResourceAsStream(PipelineSpecParser.SEED_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
