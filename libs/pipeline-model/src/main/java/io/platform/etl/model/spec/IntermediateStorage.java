package io.platform.etl.model.spec;

/** {@code spec.intermediate_storage[]}: the Kafka topic written after the named stage. */
public record IntermediateStorage(String afterStage, String type, TopicSpec config) {
}
