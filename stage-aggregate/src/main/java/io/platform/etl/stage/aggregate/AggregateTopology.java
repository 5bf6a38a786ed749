package io.platform.etl.stage.aggregate;

import io.platform.etl.model.spec.StageConfig;
import io.platform.etl.stageruntime.InputRecord;
import io.platform.etl.stageruntime.StageContext;
import io.platform.etl.stageruntime.StageTopology;
import io.platform.etl.stageruntime.kafka.StageSettings;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The aggregate stage: records are repartitioned by group key (so one group's records meet in one task whatever
 * partition they came from), folded into tumbling event-time windows, and closed by the pipeline watermark.
 */
@Singleton
public class AggregateTopology implements StageTopology {

    private static final EventClock UNKNOWN = new EventClock() {
        @Override
        public long watermark() {
            return Long.MIN_VALUE;
        }

        @Override
        public boolean idle() {
            return false;
        }
    };

    private final AggregateSettings settings;
    private final StageSettings stage;

    public AggregateTopology(AggregateSettings settings, StageSettings stage) {
        this.settings = settings;
        this.stage = stage;
    }

    @Override
    public KStream<byte[], byte[]> build(KStream<byte[], InputRecord> input, StageContext context) {
        AggregateConfig config = AggregateConfig.from(context.pipeline(), context.section().name(),
                context.section().config(StageConfig.Aggregate.class), settings, stage.topicSuffix());
        return AggregateGraph.attach(input, context.builder(), config, taskId -> UNKNOWN, context.metrics());
    }
}
