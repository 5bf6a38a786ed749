package io.platform.etl.stagetestkit;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.platform.etl.model.spec.PipelineSpecParser;
import io.platform.etl.model.spec.StageSpec;
import io.platform.etl.model.spec.StageType;
import io.platform.etl.model.spec.StreamingPipeline;
import io.platform.etl.stageruntime.spec.StageTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a contract test needs to know about the stage before it starts it: the pipeline and stage names and the
 * topics the spec gives it (before any suffix), read from the stage's own configuration ({@code stage.type} in its
 * application.yml) and the spec the test points it at.
 *
 * @param pipeline  the spec's pipeline name (rule snapshots are keyed by it)
 * @param stageName the stage's name in the spec ({@code x-error-stage}, the {@code stage} metric label)
 * @param topics    input, output and dead-letter topics without suffix
 */
public record StageUnderTest(String pipeline, String stageName, StageTopics topics) {

    /** Resolves the stage from the properties a test starts it with plus its application.yml. */
    public static StageUnderTest resolve(Map<String, Object> properties) {
        String type;
        try (ApplicationContext probe = ApplicationContext.builder().properties(properties)
                .environments(Environment.TEST).build()) {
            Environment environment = probe.getEnvironment().start();
            type = environment.getRequiredProperty("stage.type", String.class);
        }
        Path spec = Path.of(String.valueOf(properties.getOrDefault("pipeline.spec", "config/pipeline.yaml")));
        StreamingPipeline pipeline = Files.isRegularFile(spec) ? PipelineSpecParser.parse(spec)
                : PipelineSpecParser.seed();
        StageSpec stage = pipeline.stage(StageType.fromYaml(type).orElseThrow(() -> new IllegalStateException(
                "stage.type: unknown stage type " + type))).orElseThrow(() -> new IllegalStateException(
                "the spec has no " + type + " stage"));
        return new StageUnderTest(pipeline.name(), stage.name(), new StageTopics(
                pipeline.topics().inputTopic(stage.name()), pipeline.topics().outputTopic(stage.name()),
                pipeline.topics().deadLetterTopic()));
    }

    /** The topics with a test's suffix appended, as the stage resolves them with {@code stage.topic-suffix}. */
    public StageTopics topics(String suffix) {
        return new StageTopics(topics.input() + suffix, topics.output() + suffix, topics.deadLetter() + suffix);
    }
}
