package io.platform.etl.stageruntime.spec;

import io.micronaut.context.annotation.Factory;
import io.platform.etl.model.spec.PipelineSpecParser;
import io.platform.etl.model.spec.SpecValidationException;
import io.platform.etl.model.spec.StageSpec;
import io.platform.etl.model.spec.StageType;
import io.platform.etl.model.spec.StreamingPipeline;
import io.platform.etl.model.spec.PipelineTopics;
import io.platform.etl.stageruntime.kafka.StageSettings;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the spec once per service and derives the running stage's section from {@code stage.type}. */
@Factory
public class PipelineSpecFactory {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineSpecFactory.class);

    @Singleton
    StreamingPipeline pipeline(SpecSettings settings) {
        Path path = Path.of(settings.spec());
        if (Files.isRegularFile(path)) {
            try {
                StreamingPipeline pipeline = PipelineSpecParser.parse(path);
                LOG.info("Pipeline spec {} loaded from {}", pipeline.name(), path.toAbsolutePath());
                return pipeline;
            } catch (SpecValidationException e) {
                throw new IllegalStateException("pipeline.spec (" + path + ") is invalid: "
                        + String.join("; ", e.messages()), e);
            }
        }
        if (settings.seedFallback()) {
            LOG.warn("pipeline.spec {} not found; using the built-in spec copy (pipeline.seed-fallback=true)", path);
            return PipelineSpecParser.seed();
        }
        throw new IllegalStateException("pipeline.spec: file " + path.toAbsolutePath()
                + " not found (set PIPELINE_SPEC, or pipeline.seed-fallback=true for the built-in spec copy)");
    }

    @Singleton
    StageSection section(StreamingPipeline pipeline, StageSettings settings, TopicSettings overrides) {
        StageType type = StageType.fromYaml(settings.type()).orElseThrow(() -> new IllegalStateException(
                "stage.type: unknown stage type \"" + settings.type() + "\""));
        StageSpec stage = pipeline.stage(type).orElseThrow(() -> new IllegalStateException(
                "stage.type: the pipeline spec " + pipeline.name() + " has no " + type + " stage"));
        PipelineTopics topics = pipeline.topics();
        String suffix = settings.topicSuffix();
        StageTopics resolved = new StageTopics(
                or(overrides.input(), topics.inputTopic(stage.name())) + suffix,
                or(overrides.output(), topics.outputTopic(stage.name())) + suffix,
                or(overrides.deadLetter(), topics.deadLetterTopic()) + suffix);
        LOG.info("Stage {}: {} -> {} (dead letters: {})", stage.name(), resolved.input(), resolved.output(),
                resolved.deadLetter());
        return new StageSection(pipeline, stage, resolved);
    }

    private static String or(String override, String fromSpec) {
        return override == null || override.isBlank() ? fromSpec : override;
    }
}
