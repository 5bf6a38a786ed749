package io.platform.etl.model.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.platform.etl.model.json.Cursor;
import io.platform.etl.model.rules.RuleViolation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Parses and validates a {@code StreamingPipeline} YAML document into a {@link StreamingPipeline}.
 * <p>
 * All errors are collected and thrown together in a {@link SpecValidationException}, each naming its path as
 * written in the YAML, e.g. {@code spec.processing.stages[2].config.time_window: not a duration ("1hour")},
 * {@code spec.sink.config.topic: required},
 * {@code spec.processing.stages[1].config.conditions[0].operator: unknown operator "between"}.
 * Unknown keys are errors ({@code unknown field}) except inside free-form objects ({@code database.config},
 * {@code metadata.labels}/{@code annotations}, the CRD's {@code status}). Duplicate keys are errors.
 */
public final class PipelineSpecParser {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private PipelineSpecParser() {
    }

    /** Parses YAML text. @throws SpecValidationException with every error found */
    public static StreamingPipeline parse(String yaml) {
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new SpecValidationException(List.of(new RuleViolation("", "not valid YAML: "
                    + e.getOriginalMessage() + locationOf(e))));
        }
        return parse(tree);
    }

    /** Parses UTF-8 YAML from a stream (not closed). */
    public static StreamingPipeline parse(InputStream in) {
        try {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a UTF-8 YAML file. */
    public static StreamingPipeline parse(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pipeline spec " + file, e);
        }
    }

    /** Classpath location of the copy of config/pipeline.yaml shipped in this jar. */
    public static final String SEED_RESOURCE = "/pipeline/pipeline.yaml";

    /** The pipeline spec shipped in this jar ({@link #SEED_RESOURCE}), e.g. for tests and local runs. */
    public static StreamingPipeline seed() {
        try (InputStream in = PipelineSpecParser.class.getResourceAsStream(SEED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SEED_RESOURCE + " missing from the classpath");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Validates an already parsed tree (JSON or YAML). */
    public static StreamingPipeline parse(JsonNode tree) {
        Cursor root = Cursor.root(tree, "");
        if (!root.isPresent()) {
            throw new SpecValidationException(List.of(new RuleViolation("", "document is empty")));
        }
        StreamingPipeline pipeline = SpecRootReader.read(root);
        if (!root.errors().isEmpty()) {
            throw new SpecValidationException(root.errors());
        }
        return pipeline;
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
