package io.platform.etl.stageruntime.health;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.platform.etl.stageruntime.kafka.StageStreams;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * Readiness {@code kafka-streams-restored}: DOWN until Kafka Streams reached RUNNING once after the start, that is
 * until its tasks restored their stores from the changelogs. micronaut-kafka's {@code kafkaStreams} indicator is UP
 * from REBALANCING on, so with it alone a rolling update moves on to the next pod while this one still restores,
 * and the restores pile up (ADR 0301). A later rebalance does not turn it DOWN: the pod is not restarted for that.
 */
@Singleton
@Requires(bean = StageStreams.class)
public class KafkaStreamsRestoredIndicator implements HealthIndicator {

    private final StageStreams streams;

    public KafkaStreamsRestoredIndicator(StageStreams streams) {
        this.streams = streams;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(HealthResult.builder("kafka-streams-restored",
                streams.restored() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("state", streams.state().name())).build());
    }
}
