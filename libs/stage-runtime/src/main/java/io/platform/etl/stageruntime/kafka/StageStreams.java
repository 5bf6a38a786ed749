package io.platform.etl.stageruntime.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.platform.etl.stageruntime.StageTopology;
import io.platform.etl.stageruntime.dlq.DeadLetters;
import io.platform.etl.stageruntime.eventtime.AdminTopicInfo;
import io.platform.etl.stageruntime.eventtime.EventTime;
import io.platform.etl.stageruntime.eventtime.EventTimeSettings;
import io.platform.etl.stageruntime.metrics.StageMetrics;
import io.platform.etl.stageruntime.spec.StageSection;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one {@code KafkaStreams} of a stage service. Built eagerly (a bad setting fails the start), started when the
 * context has started and every {@link StartGate} is open, closed gracefully when the context stops (SIGTERM): the
 * threads stop polling, finish and commit the open transaction and leave the group, within
 * {@code stage.shutdown-timeout}. Active only in a service that provides a {@link StageTopology}.
 */
@Context
@Requires(bean = StageTopology.class)
public class StageStreams implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(StageStreams.class);

    private final KafkaStreams streams;
    private final AdminTopicInfo topicInfo;
    private final KafkaStreamsMetrics streamsMetrics;
    private final StageUncaughtExceptionHandler uncaught;
    private final List<StartGate> gates;
    private final StageSettings settings;
    private final String applicationId;
    private volatile boolean gatesOpen;
    private volatile boolean closing;

    public StageStreams(StageSection section, StageSettings settings, KafkaSettings kafka,
                        @Property(name = "kafka.bootstrap.servers") @Nullable String bootstrapServers,
                        StageTopology stage, StageMetrics metrics, MeterRegistry registry, List<StartGate> gates,
                        EventTimeSettings eventTimeSettings) {
        this.settings = settings;
        this.gates = gates;
        DeadLetters deadLetters = new DeadLetters(section.name(), section.topics().deadLetter(), metrics);
        Properties props = StreamsProperties.build(section, settings, kafka, bootstrapServers, deadLetters);
        this.applicationId = StreamsProperties.applicationId(section, settings);
        this.topicInfo = new AdminTopicInfo(StreamsProperties.connection(props));
        EventTime eventTime = new EventTime(eventTimeSettings,
                section.pipeline().spec().config().watermarkInterval(), applicationId, topicInfo);
        Topology topology = TopologyAssembler.assemble(section, stage, metrics, deadLetters,
                settings.maxRecordBytes(), eventTime);
        LOG.info("Kafka Streams {}: {} stream thread(s), commit every {}, extra settings {}", applicationId,
                props.get("num.stream.threads"), settings.commitInterval(), settings.streams());
        LOG.debug("Topology of {}:\n{}", applicationId, topology.describe());
        this.streams = new KafkaStreams(topology, props);
        this.uncaught = new StageUncaughtExceptionHandler(settings.maxThreadRestarts());
        streams.setUncaughtExceptionHandler(uncaught);
        streams.setStateListener((now, before) -> LOG.info("Kafka Streams {}: {} -> {}", applicationId, before, now));
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        CompletableFuture<?>[] waiting = gates.stream().map(g -> g.opened().toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(waiting).whenComplete((ok, error) -> start());
    }

    private synchronized void start() {
        gatesOpen = true;
        if (closing || streams.state() != KafkaStreams.State.CREATED) {
            return;
        }
        LOG.info("Starting Kafka Streams {}", applicationId);
        streams.start();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** True once every start gate opened (Kafka Streams was started then). */
    public boolean gatesOpen() {
        return gatesOpen;
    }

    /** What stopped the stage; null while none did. */
    public Throwable fatalError() {
        return uncaught.fatalError();
    }

    public String applicationId() {
        return applicationId;
    }

    /** The underlying client, for tests and diagnostics. */
    public KafkaStreams streams() {
        return streams;
    }

    @PreDestroy
    public synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;
        LOG.info("Closing Kafka Streams {} (timeout {})", applicationId, settings.shutdownTimeout());
        boolean clean = streams.close(CloseOptions.timeout(settings.shutdownTimeout())
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        if (!clean) {
            LOG.warn("Kafka Streams {} did not close within {}", applicationId, settings.shutdownTimeout());
        }
        streamsMetrics.close();
        topicInfo.close();
    }
}
