package io.platform.etl.model.spec;

import java.util.List;
import java.util.Map;

/**
 * Which topic each stage reads and writes. The first stage reads {@code source.config.topic}; every other stage
 * reads what the previous stage writes. A stage writes the {@code intermediate_storage} topic declared after it,
 * the sink topic when it is the last stage, and otherwise a default per type: {@code events.filtered},
 * {@code events.deduplicated}, {@code events.enriched}, {@code events.aggregated}. {@code deserialize} has no
 * topic of its own (it runs inside the next stage), so it writes what it reads.
 * <p>
 * With the pipeline spec (config/pipeline.yaml): filter {@code user.events.raw → events.filtered}, deduplicate
 * {@code events.filtered → events.deduplicated}, enrich {@code events.deduplicated → events.enriched},
 * aggregate {@code events.enriched → events.processed}.
 */
public final class PipelineTopics {

    private static final Map<StageType, String> DEFAULTS = Map.of(
            StageType.FILTER, "events.filtered",
            StageType.DEDUPLICATE, "events.deduplicated",
            StageType.ENRICH, "events.enriched",
            StageType.AGGREGATE, "events.aggregated");

    private final PipelineSpec spec;

    PipelineTopics(PipelineSpec spec) {
        this.spec = spec;
    }

    /** The topic the named stage writes. */
    public String topicAfter(String stageName) {
        List<StageSpec> stages = spec.processing().stages();
        int index = indexOf(stageName);
        StageSpec stage = stages.get(index);
        for (IntermediateStorage storage : spec.intermediateStorage()) {
            if (storage.afterStage().equals(stageName)) {
                return storage.config().topic();
            }
        }
        if (index == stages.size() - 1) {
            return spec.sink().config().topic();
        }
        if (stage.type() == StageType.DESERIALIZE) {
            return inputTopic(stageName);
        }
        return DEFAULTS.get(stage.type());
    }

    /** The topic the named stage reads. */
    public String inputTopic(String stageName) {
        int index = indexOf(stageName);
        return index == 0 ? spec.source().config().topic()
                : topicAfter(spec.processing().stages().get(index - 1).name());
    }

    /** The topic the named stage writes (same as {@link #topicAfter}). */
    public String outputTopic(String stageName) {
        return topicAfter(stageName);
    }

    /** Input topic of the stage of this type. */
    public String inputTopic(StageType type) {
        return inputTopic(nameOf(type));
    }

    /** Output topic of the stage of this type. */
    public String outputTopic(StageType type) {
        return topicAfter(nameOf(type));
    }

    /** Where unreadable or invalid records go; default {@code events.dlq}. */
    public String deadLetterTopic() {
        return spec.config().deadLetterTopic();
    }

    /** Where late records go with {@code late_data_handling: dead_letter}; default {@code events.late}. */
    public String lateTopic() {
        return spec.config().lateDataTopic();
    }

    /** The sink topic. */
    public String sinkTopic() {
        return spec.sink().config().topic();
    }

    private String nameOf(StageType type) {
        return spec.stage(type).orElseThrow(() -> new IllegalArgumentException("no " + type + " stage in the spec"))
                .name();
    }

    private int indexOf(String stageName) {
        List<StageSpec> stages = spec.processing().stages();
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).name().equals(stageName)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no stage named \"" + stageName + "\" in the spec");
    }
}
