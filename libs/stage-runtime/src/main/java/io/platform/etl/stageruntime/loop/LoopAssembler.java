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
import io.platform.etl.stageruntime.spec.StageTopics;
import java.time.Duration;
import java.util.Map;

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

    public LoopAssembler {
        // A transaction open for the whole commit interval must commit before the broker aborts it.
        if (stage.commitInterval().compareTo(loop.transactionTimeout().dividedBy(2)) > 0) {
            throw new IllegalArgumentException("stage.commit-interval (" + stage.commitInterval() + ") must be at most"
                    + " half of stage.loop.transaction-timeout (" + loop.transactionTimeout() + "): a transaction"
                    + " stays open for the commit interval and the broker aborts it at the timeout");
        }
    }

    /** {@code stage.threads}, else the spec's {@code config.parallelism}. */
    public int threads() {
        return stage.threads() != null ? stage.threads() : section.pipeline().spec().config().parallelism();
    }

    /** Loop thread {@code n} (0-based) of this instance: its own consumer and transactional producer. */
    public LoopWorker worker(int n) {
        return worker(n, new Leg(section.name() + "-loop-" + n, section.topics(),
                StreamsProperties.applicationId(section, stage), clock(section.name()), loopStage, true, true, 0));
    }

    /**
     * One loop of a stage that runs several (ADR 0340): where it reads and writes, its consumer group, its clock and
     * its stage.
     *
     * @param countsReceived false when the input records were counted before (after a hop)
     * @param decodes        false when the stage takes records undecoded
     * @param hopPartitions  when the output is a keyed stage's hop topic, its partition count (the routed records
     *                       cross it in bundles, ADR 0342, written with {@code stage.loop.hop-compression}, ADR
     *                       0341); 0 otherwise
     */
    public record Leg(String name, StageTopics topics, String groupId, PartitionClock clock, LoopStage stage,
                      boolean countsReceived, boolean decodes, int hopPartitions) {
    }

    /** Loop thread {@code n} of one leg. */
    public LoopWorker worker(int n, Leg leg) {
        KafkaClients clients = new KafkaClients(section, stage, kafka, bootstrap, loop, instanceId, n, leg.groupId());
        if (leg.hopPartitions() > 0) {
            clients.compression(loop.hopCompression());
        }
        DeadLetters deadLetters = new DeadLetters(section.name(), leg.topics().deadLetter(), metrics);
        BatchProcessor processor = new BatchProcessor(leg.topics().output(), new EventCodec(stage.maxRecordBytes()),
                deadLetters, metrics, leg.stage(), leg.clock(), leg.countsReceived(), leg.decodes(),
                leg.hopPartitions());
        boolean sink = leg.topics().output().equals(section.pipeline().spec().sink().config().topic());
        return new LoopWorker(leg.name(), clients, leg.topics(), loop, stage.commitInterval(), !sink, processor,
                metrics, registry);
    }

    /** Consumer settings of loop thread {@code n} of a leg's group (for readers the leg owns, e.g. a restore). */
    public Map<String, Object> consumerProps(int n, String groupId) {
        return new KafkaClients(section, stage, kafka, bootstrap, loop, instanceId, n, groupId).consumer();
    }

    /** Connection settings only (brokers, security). */
    public Map<String, Object> connection() {
        return new KafkaClients(section, stage, kafka, bootstrap, loop, instanceId, 0).common();
    }

    /** Transactional id of thread {@code n}, for logs. */
    public String transactionalId(int n) {
        return new KafkaClients(section, stage, kafka, bootstrap, loop, instanceId, n).producer()
                .get("transactional.id").toString();
    }

    /** The clock of a loop reading the stage's input; its marks are named {@code <markSource>-<partition>}. */
    public PartitionClock clock(String markSource) {
        WatermarkSource source = eventTime.source().resolve(section.topics().input(),
                section.pipeline().spec().source().config().topic());
        if (source == WatermarkSource.UPSTREAM) {
            return new PartitionWatermarks(markSource);
        }
        Duration interval = eventTime.interval() != null ? eventTime.interval()
                : section.pipeline().spec().config().watermarkInterval();
        return new PartitionEventTime(StreamsProperties.applicationId(section, stage), eventTime, interval);
    }
}
