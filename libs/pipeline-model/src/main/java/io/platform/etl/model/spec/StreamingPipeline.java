package io.platform.etl.model.spec;

import java.util.Optional;

/**
 * The {@code StreamingPipeline} document ({@code apiVersion: etl.platform.io/v1}), parsed and validated by
 * {@link PipelineSpecParser}. Every stage service reads the same file and takes its own section
 * ({@link #stage(StageType)}, {@link #topics()}).
 */
public record StreamingPipeline(String apiVersion, String kind, Metadata metadata, PipelineSpec spec) {

    public static final String API_VERSION = "etl.platform.io/v1";
    public static final String KIND = "StreamingPipeline";

    /** {@code metadata.name}: the pipeline name used by the rules API and in Redis keys. */
    public String name() {
        return metadata.name();
    }

    /** See {@link PipelineSpec#stage(StageType)}. */
    public Optional<StageSpec> stage(StageType type) {
        return spec.stage(type);
    }

    /** See {@link PipelineSpec#topics()}. */
    public PipelineTopics topics() {
        return spec.topics();
    }

    /** Shortcut for {@code topics().topicAfter(stageName)}. */
    public String topicAfter(String stageName) {
        return spec.topics().topicAfter(stageName);
    }
}
