package io.platform.etl.model.spec;

import java.time.Duration;

/**
 * {@code spec.config}, with defaults for absent values. {@code dead_letter_topic} and {@code late_data_topic}
 * are additions of this project (defaults {@value #DEFAULT_DLQ_TOPIC}, {@value #DEFAULT_LATE_TOPIC}).
 */
public record GlobalConfig(ProcessingMode processingMode, Duration checkpointInterval, Duration watermarkInterval,
                           LateDataHandling lateDataHandling, int parallelism, int maxParallelism,
                           String deadLetterTopic, String lateDataTopic) {

    public static final String DEFAULT_DLQ_TOPIC = "events.dlq";
    public static final String DEFAULT_LATE_TOPIC = "events.late";
    public static final GlobalConfig DEFAULTS = new GlobalConfig(ProcessingMode.STREAMING, Duration.ofSeconds(30),
            Duration.ofSeconds(10), LateDataHandling.DROP, 1, 16, DEFAULT_DLQ_TOPIC, DEFAULT_LATE_TOPIC);
}
