package io.platform.etl.stageruntime.spec;

import io.platform.etl.model.spec.StageConfig;
import io.platform.etl.model.spec.StageSpec;
import io.platform.etl.model.spec.StreamingPipeline;

/**
 * The running stage's part of the pipeline spec.
 *
 * @param pipeline the whole validated spec
 * @param stage    this stage's entry of {@code spec.processing.stages}
 * @param topics   resolved topics (spec, then {@code stage.topic-suffix} and {@code stage.topics.*} overrides)
 */
public record StageSection(StreamingPipeline pipeline, StageSpec stage, StageTopics topics) {

    /** Stage name as in the spec, used as the {@code stage} metric label and in DLQ headers. */
    public String name() {
        return stage.name();
    }

    /** The typed stage config, e.g. {@code config(StageConfig.Filter.class)}. */
    public <C extends StageConfig> C config(Class<C> type) {
        return stage.config(type);
    }
}
