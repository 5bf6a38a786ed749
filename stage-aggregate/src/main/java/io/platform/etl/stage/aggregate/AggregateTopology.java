package io.platform.etl.stage.aggregate;

import io.platform.etl.model.spec.StageConfig;
import io.platform.etl.stageruntime.InputRecord;
import io.platform.etl.stageruntime.StageContext;
import io.platform.etl.stageruntime.StageTopology;
import io.platform.etl.stageruntime.eventtime.EventTime;
import io.platform.etl.stageruntime.eventtime.TaskWatermark;
import io.platform.etl.stageruntime.kafka.StageSettings;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.TaskId;

/**
 * The aggregate stage: records are repartitioned by group key (so one group's records meet in one task whatever
 * partition they came from; the pipeline watermark travels through the repartition topic), folded into tumbling
 * event-time windows, and closed by the task's pipeline watermark.
 */
@Singleton
public class AggregateTopology implements StageTopology {

    static final String REPARTITION = "aggregate";

    private final AggregateSettings settings;
    private final StageSettings stage;

    public AggregateTopology(AggregateSettings settings, StageSettings stage) {
        this.settings = settings;
        this.stage = stage;
    }

    @Override
    public KStream<byte[], byte[]> build(KStream<byte[], InputRecord> input, StageContext context) {
        AggregateConfig config = AggregateConfig.from(context.section().pipeline(), context.section().name(),
                context.section().config(StageConfig.Aggregate.class), settings, stage.topicSuffix());
        KStream<byte[], InputRecord> byGroup = context.repartition(input, REPARTITION,
                (key, record) -> config.groups().bytes(record.event()));
        EventTime eventTime = context.eventTime();
        return AggregateGraph.attach(byGroup, context.builder(), config, task -> clock(eventTime, task),
                context.metrics());
    }

    /** The runtime's watermark of the task that runs the aggregate processor (after the repartition topic). */
    static EventClock clock(EventTime eventTime, TaskId task) {
        TaskWatermark watermark = eventTime.forTask(task);
        return new EventClock() {
            @Override
            public long watermark() {
                return watermark.current();
            }

            @Override
            public boolean idle() {
                return watermark.idle();
            }
        };
    }
}
