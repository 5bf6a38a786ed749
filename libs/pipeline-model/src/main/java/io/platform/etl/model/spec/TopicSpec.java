package io.platform.etl.model.spec;

/** A topic with optional creation settings (null when absent). */
public record TopicSpec(String topic, Integer partitions, Integer replicationFactor, Long retentionMs) {
}
