package io.platform.etl.stageruntime.eventtime;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.processor.TaskId;

/**
 * The stage's event-time bookkeeping (ADR 0320): one {@link TaskWatermark} per Kafka Streams task, the settings
 * resolved against the spec, and broker look-ups for the watermark processors.
 */
public final class EventTime {

    private final EventTimeSettings settings;
    private final Duration interval;
    private final String applicationId;
    private final TopicInfo topics;
    private final Map<TaskId, TaskWatermark> tasks = new ConcurrentHashMap<>();

    /**
     * @param specInterval  the spec's {@code config.watermark_interval}, used when the settings name none
     * @param applicationId prefix of the source ids this stage's tasks write
     */
    public EventTime(EventTimeSettings settings, Duration specInterval, String applicationId, TopicInfo topics) {
        this.settings = settings;
        this.interval = settings.interval() != null ? settings.interval() : specInterval;
        this.applicationId = applicationId;
        this.topics = topics;
    }

    /** The watermark view of a task; the same object for the task's lifetime in this instance. */
    public TaskWatermark forTask(TaskId task) {
        return tasks.computeIfAbsent(task, t -> new TaskWatermark());
    }

    public EventTimeSettings settings() {
        return settings;
    }

    /** How often tasks write their watermark downstream and check for idleness. */
    public Duration interval() {
        return interval;
    }

    public TopicInfo topics() {
        return topics;
    }

    /** The Kafka Streams application id, which is also the consumer group id. */
    public String applicationId() {
        return applicationId;
    }

    /** The id a task writes into its control records. */
    public String sourceId(TaskId task) {
        return applicationId + "/" + task;
    }

    /** Name of the Kafka Streams repartition topic of {@code repartitionName}. */
    public String repartitionTopic(String repartitionName) {
        return applicationId + "-" + repartitionName + "-repartition";
    }
}
