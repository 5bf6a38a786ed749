package io.platform.etl.stageruntime.health;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import io.platform.etl.stageruntime.kafka.StageStreams;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.reactivestreams.Publisher;

/**
 * Liveness {@code kafka-streams-liveness}: DOWN once Kafka Streams failed (ERROR, or shut down by a fatal error),
 * so the orchestrator restarts the pod; waiting for rules or a rebalance is not a liveness problem.
 */
@Singleton
@Requires(bean = StageStreams.class)
@Liveness
public class KafkaStreamsLivenessIndicator implements HealthIndicator {

    private final StageStreams streams;

    public KafkaStreamsLivenessIndicator(StageStreams streams) {
        this.streams = streams;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        KafkaStreams.State state = streams.state();
        boolean failed = state == KafkaStreams.State.ERROR || streams.fatalError() != null;
        return Publishers.just(HealthResult.builder("kafka-streams-liveness", failed ? HealthStatus.DOWN
                : HealthStatus.UP).details(Map.of("state", state.name())).build());
    }
}
