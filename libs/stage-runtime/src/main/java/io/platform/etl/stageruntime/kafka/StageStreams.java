package io.platform.etl.stageruntime.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.platform.etl.stageruntime.StageTopology;
import io.platform.etl.stageruntime.spec.StageSection;
import jakarta.annotation.PreDestroy;
import java.util.List;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the stage's one {@code KafkaStreams}, which micronaut-kafka's {@code KafkaStreamsFactory} builds from the
 * topology {@link StageStreamsFactory} put on its builder: started when the context has started and every
 * {@link StartGate} is open, closed gracefully when the context stops (SIGTERM): the threads stop polling, finish
 * and commit the open transaction and leave the group, within {@code stage.shutdown-timeout}. Active only in a
 * service that provides a {@link StageTopology}.
 */
@Context
@Requires(bean = StageTopology.class)
public class StageStreams implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(StageStreams.class);

    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final StageUncaughtExceptionHandler uncaught;
    private final List<StartGate> gates;
    private final StageSettings settings;
    private final String applicationId;
    private volatile boolean gatesOpen;
    private volatile boolean closing;
    private volatile boolean restored;

    public StageStreams(KafkaStreams streams, StageSection section, StageSettings settings, MeterRegistry registry,
                        List<StartGate> gates) {
        this.streams = streams;
        this.settings = settings;
        this.gates = gates;
        this.applicationId = StreamsProperties.applicationId(section, settings);
        LOG.info("Kafka Streams {}: {} stream thread(s), commit every {}, extra settings {}", applicationId,
                settings.threads() == null ? section.pipeline().spec().config().parallelism() : settings.threads(),
                settings.commitInterval(), settings.streams());
        this.uncaught = new StageUncaughtExceptionHandler(settings.maxThreadRestarts());
        streams.setUncaughtExceptionHandler(uncaught);
        streams.setStateListener((now, before) -> {
            LOG.info("Kafka Streams {}: {} -> {}", applicationId, before, now);
            restored |= now == KafkaStreams.State.RUNNING;
        });
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        StartGate.allOpened(gates).whenComplete((ok, error) -> start());
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

    /**
     * True once Kafka Streams reached RUNNING after the start: every task had restored its stores from their
     * changelogs and was processing. Later rebalances do not reset it.
     */
    public boolean restored() {
        return restored;
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
    }
}
