package io.platform.etl.stage.aggregate;

import io.platform.etl.model.event.Event;
import io.platform.etl.model.spec.StageConfig;
import io.platform.etl.stageruntime.keyed.KeyedStage;
import io.platform.etl.stageruntime.keyed.PartitionState;
import io.platform.etl.stageruntime.kafka.StageSettings;
import io.platform.etl.stageruntime.loop.Verdict;
import io.platform.etl.stageruntime.spec.StageSection;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * The aggregate stage on the runtime's keyed loops (ADR 0705): records cross the hop keyed by their group key (so a
 * group's records meet in one hop partition whatever input partition they came from; the pipeline watermark travels
 * in band), then each hop partition's {@link WindowPartition} folds them into tumbling event-time windows closed by
 * the pipeline watermark. What a record adds to its window crosses the hop as a header (ADR 0707), so its JSON is
 * decoded once, before the hop.
 */
@Singleton
public class AggregateStage implements KeyedStage {

    /** Names the hop topics {@code <application-id>-aggregate-hop} and {@code -state}. */
    static final String HOP = "aggregate";
    /** The input record's key, carried across the hop for the late-data topic (null value: null key). */
    static final String ORIGINAL_KEY = "x-etl-original-key";
    /** The record's {@link io.platform.etl.stage.aggregate.accumulate.Sample} (ADR 0707): the deciding side's input. */
    static final String SAMPLE = "x-etl-aggregate-sample";

    private final AggregateConfig config;

    public AggregateStage(StageSection section, AggregateSettings settings, StageSettings stage) {
        this(AggregateConfig.from(section.pipeline(), section.name(), section.config(StageConfig.Aggregate.class),
                settings, stage.topicSuffix()));
    }

    AggregateStage(AggregateConfig config) {
        this.config = config;
    }

    @Override
    public String hop() {
        return HOP;
    }

    @Override
    public Verdict key(ConsumerRecord<byte[], byte[]> record, Event event) {
        Headers headers = record.headers();
        headers.remove(ORIGINAL_KEY);
        headers.add(ORIGINAL_KEY, record.key());
        headers.remove(SAMPLE);
        headers.add(SAMPLE, config.plan().encode(config.plan().sample(event)));
        return Verdict.route(config.groups().bytes(event), headers);
    }

    /** The deciding side folds the records' samples, not their JSON (ADR 0707). */
    @Override
    public boolean decodesAfterHop() {
        return false;
    }

    @Override
    public PartitionState open(int partition) {
        return new WindowPartition(config);
    }
}
