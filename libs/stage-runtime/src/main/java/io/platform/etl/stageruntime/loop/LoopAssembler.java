package io.platform.etl.stageruntime.loop;

import io.micrometer.core.instrument.MeterRegistry;
import io.platform.etl.model.event.EventCodec;
import io.platform.etl.stageruntime.dlq.DeadLetters;
import io.platform.etl.stageruntime.eventtime.EventTimeSettings;
import io.platform.etl.stageruntime.eventtime.PartitionClock;
import io.platform.etl.stageruntime.eventtime.PartitionEventTime;
import io.platform.etl.stageruntime.eventtime.PartitionWatermarks;
import io.platform.etl.stageruntime.eventtime.WatermarkSource;
import io.platform.etl.stageruntime.kafka.KafkaSettings;
import io.platform.etl.stageruntime.kafka.StageSettings;
import io.platform.etl.stageruntime.kafka.StreamsProperties;
import io.platform.etl.stageruntime.metrics.StageMetrics;
import io.platform.etl.stageruntime.spec.StageSection;
import java.time.Duration;

/**
 * Builds the loop threads of a {@link LoopStage}, as {@code TopologyAssembler} builds a Kafka Streams topology: for
 * {@link StageLoop} and for benchmarks that run the loop without Micronaut.
 *
 * @param section  the stage's section of the spec and its topics
 * @param bootstrap {@code kafka.bootstrap.servers}; null/blank = the spec's brokers
 * @param registry  where each loop thread's consumer metrics are bound (its lag, as Kafka Streams stages report it)
 */
public record LoopAssembler(StageSection section, StageSettings stage, LoopSettings loop, KafkaSettings kafka,
                            String bootstrap, EventTimeSettings eventTime, LoopStage loopStage, StageMetrics metrics,
                            MeterRegistry registry, String instanceId) {

    /** {@code stage.threads}, else the spec's {@code config.parallelism}. */
    public int threads() {
        return stage.threads() != null ? stage.threads() : section.pipeline().spec().config().parallelism();
    }

    /** Loop thread {@code n} (0-based) of this instance: its own consumer and transactional producer. */
    public LoopWorker worker(int n) {
        KafkaClients clients = new KafkaClients(section, stage, kafka, bootstrap, loop, instanceId, n);
        DeadLetters deadLetters = new DeadLetters(section.name(), section.topics().deadLetter(), metrics);
        BatchProcessor processor = new BatchProcessor(section.topics().output(), new EventCodec(stage.maxRecordBytes()),
                deadLetters, metrics, loopStage, clock());
        boolean sink = section.pipeline().topicAfter(section.name())
                .equals(section.pipeline().spec().sink().config().topic());
        return new LoopWorker(section.name() + "-loop-" + n, clients, section.topics(), loop, stage.commitInterval(),
                !sink, processor, metrics, registry);
    }

    /** Transactional id of thread {@code n}, for logs. */
    public String transactionalId(int n) {
        return new KafkaClients(section, stage, kafka, bootstrap, loop, instanceId, n).producer()
                .get("transactional.id").toString();
    }

    private PartitionClock clock() {
        WatermarkSource source = eventTime.source().resolve(section.topics().input(),
                section.pipeline().spec().source().config().topic());
        if (source == WatermarkSource.UPSTREAM) {
            return new PartitionWatermarks(section.name());
        }
        Duration interval = eventTime.interval() != null ? eventTime.interval()
                : section.pipeline().spec().config().watermarkInterval();
        return new PartitionEventTime(StreamsProperties.applicationId(section, stage), eventTime, interval);
    }
}
