package io.platform.etl.model.spec;

import java.util.List;
import java.util.Optional;

/**
 * {@code spec} of a {@link StreamingPipeline}; optional sections are filled with defaults
 * ({@code stateManagement} and {@code security} are null when absent).
 */
public record PipelineSpec(GlobalConfig config, SourceSpec source, ProcessingSpec processing,
                           List<IntermediateStorage> intermediateStorage, SinkSpec sink,
                           OperationsSpec.Monitoring monitoring, OperationsSpec.StateManagement stateManagement,
                           OperationsSpec.Security security) {

    public PipelineSpec {
        intermediateStorage = List.copyOf(intermediateStorage);
    }

    /** The stage of this type (types are unique within a spec). */
    public Optional<StageSpec> stage(StageType type) {
        return processing.stages().stream().filter(s -> s.type() == type).findFirst();
    }

    /** The stage with this name. */
    public Optional<StageSpec> stage(String name) {
        return processing.stages().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The typed config of the stage of this type, e.g. {@code stageConfig(StageType.FILTER, StageConfig.Filter.class)}. */
    public <C extends StageConfig> Optional<C> stageConfig(StageType type, Class<C> configType) {
        return stage(type).map(s -> s.config(configType));
    }

    /** Topic resolution for the stages. */
    public PipelineTopics topics() {
        return new PipelineTopics(this);
    }

    /** {@code aggregate.config.late_data_handling}, falling back to {@code spec.config.late_data_handling}. */
    public LateDataHandling lateDataHandling() {
        return stageConfig(StageType.AGGREGATE, StageConfig.Aggregate.class)
                .map(StageConfig.Aggregate::lateDataHandling)
                .orElse(config.lateDataHandling());
    }
}
