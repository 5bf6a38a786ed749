package io.platform.etl.stageruntime.keyed;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.platform.etl.stageruntime.dlq.DeadLetters;
import io.platform.etl.stageruntime.eventtime.EventTimeSettings;
import io.platform.etl.stageruntime.eventtime.PartitionWatermarks;
import io.platform.etl.stageruntime.kafka.KafkaSettings;
import io.platform.etl.stageruntime.kafka.StageSettings;
import io.platform.etl.stageruntime.kafka.StreamsProperties;
import io.platform.etl.stageruntime.loop.LoopAssembler;
import io.platform.etl.stageruntime.loop.LoopPlan;
import io.platform.etl.stageruntime.loop.LoopSettings;
import io.platform.etl.stageruntime.loop.LoopWorker;
import io.platform.etl.stageruntime.metrics.StageMetrics;
import io.platform.etl.stageruntime.rules.StageRules;
import io.platform.etl.stageruntime.spec.StageSection;
import io.platform.etl.stageruntime.spec.StageTopics;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link KeyedStage} as two loops (ADR 0340), each on {@code stage.threads} threads: the keying loop (the stage's
 * consumer group, input → hop topic) and the deciding loop (group {@code <application-id>-<hop>}, hop topic → output,
 * state per hop partition with its changelog). Creates the hop topics when the service starts.
 */
@Singleton
@Requires(beans = KeyedStage.class)
public class KeyedLoopPlan implements LoopPlan {

    private static final Logger LOG = LoggerFactory.getLogger(KeyedLoopPlan.class);
    /** The hop topic is read at once; a week covers any outage a stage's lag alert would not have flagged. */
    static final Duration HOP_RETENTION = Duration.ofDays(7);

    private final List<LoopWorker> workers = new ArrayList<>();

    public KeyedLoopPlan(StageSection section, StageSettings stage, LoopSettings loop, KafkaSettings kafka,
                         @Property(name = "kafka.bootstrap.servers") @Nullable String bootstrap,
                         EventTimeSettings eventTime, KeyedStage keyed, StageMetrics metrics, MeterRegistry registry,
                         StageRules rules) {
        workers.addAll(build(new LoopAssembler(section, stage, loop, kafka, bootstrap, eventTime, null, metrics,
                registry, rules.instanceId()), keyed));
    }

    /** Both loops' workers: keying threads first. For the plan and for benchmarks that run it without Micronaut. */
    public static List<LoopWorker> build(LoopAssembler assembler, KeyedStage keyed) {
        StageSection section = assembler.section();
        StageTopics topics = section.topics();
        String applicationId = StreamsProperties.applicationId(section, assembler.stage());
        HopTopics hop = HopTopics.of(applicationId, keyed.hop());
        int partitions = hop.ensure(assembler.connection(), topics.input(), HOP_RETENTION);
        String decidingGroup = applicationId + "-" + keyed.hop();
        KeyingSide keying = new KeyingSide(keyed);
        List<LoopWorker> out = new ArrayList<>();
        int threads = assembler.threads();
        for (int n = 0; n < threads; n++) {
            out.add(assembler.worker(n, new LoopAssembler.Leg(section.name() + "-key-" + n,
                    new StageTopics(topics.input(), hop.hop(), topics.deadLetter()), applicationId,
                    assembler.clock(section.name() + "-key"), keying, true, true, partitions)));
        }
        for (int n = 0; n < threads; n++) {
            PartitionWatermarks clock = new PartitionWatermarks(section.name());
            DecidingSide deciding = new DecidingSide(keyed, clock,
                    new ChangelogReader(restoreProps(assembler, n, decidingGroup), assembler.connection(),
                            hop.changelog()), hop.changelog(),
                    topics.output(), new DeadLetters(section.name(), topics.deadLetter(), assembler.metrics()));
            out.add(assembler.worker(n, new LoopAssembler.Leg(section.name() + "-decide-" + n,
                    new StageTopics(hop.hop(), topics.output(), topics.deadLetter()), decidingGroup, clock, deciding,
                    false, keyed.decodesAfterHop(), 0)));
        }
        LOG.info("Keyed stage {} -> {} ({} partitions) -> {}: {} keying and {} deciding thread(s), state in {}",
                topics.input(), hop.hop(), partitions, topics.output(), threads, threads, hop.changelog());
        return out;
    }

    private static Map<String, Object> restoreProps(LoopAssembler assembler, int n, String group) {
        Map<String, Object> props = assembler.consumerProps(n, group);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, group + "-restore-" + n);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        return props;
    }

    @Override
    public List<LoopWorker> workers() {
        return workers;
    }
}
