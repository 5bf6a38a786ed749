package io.platform.etl.stageruntime.loop;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.platform.etl.stageruntime.eventtime.EventTimeSettings;
import io.platform.etl.stageruntime.kafka.KafkaSettings;
import io.platform.etl.stageruntime.kafka.StageSettings;
import io.platform.etl.stageruntime.metrics.StageMetrics;
import io.platform.etl.stageruntime.rules.StageRules;
import io.platform.etl.stageruntime.spec.StageSection;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link LoopStage} on {@code stage.threads} loop threads, input to output (ADR 0337). */
@Singleton
@Requires(beans = LoopStage.class)
public class SingleLoopPlan implements LoopPlan {

    private static final Logger LOG = LoggerFactory.getLogger(SingleLoopPlan.class);

    private final List<LoopWorker> workers = new ArrayList<>();

    public SingleLoopPlan(StageSection section, StageSettings stage, LoopSettings loop, KafkaSettings kafka,
                          @Property(name = "kafka.bootstrap.servers") @Nullable String bootstrap,
                          EventTimeSettings eventTime, LoopStage loopStage, StageMetrics metrics,
                          MeterRegistry registry, StageRules rules) {
        LoopAssembler assembler = new LoopAssembler(section, stage, loop, kafka, bootstrap, eventTime, loopStage,
                metrics, registry, rules.instanceId());
        for (int n = 0; n < assembler.threads(); n++) {
            workers.add(assembler.worker(n));
        }
        LOG.info("Stage loop {} -> {}: {} thread(s), batches of up to {} records, first transactional id {}",
                section.topics().input(), section.topics().output(), workers.size(), loop.maxPollRecords(),
                assembler.transactionalId(0));
    }

    @Override
    public List<LoopWorker> workers() {
        return workers;
    }
}
