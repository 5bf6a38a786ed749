package io.platform.etl.stageruntime.health;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.platform.etl.stageruntime.kafka.StageStreams;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.reactivestreams.Publisher;

/**
 * Readiness {@code kafka-streams}: UP only while Kafka Streams is RUNNING (started after the start gates, partitions
 * assigned); DOWN while waiting, rebalancing, stopped or failed.
 */
@Singleton
@Requires(bean = StageStreams.class)
public class KafkaStreamsHealthIndicator implements HealthIndicator {

    private final StageStreams streams;

    public KafkaStreamsHealthIndicator(StageStreams streams) {
        this.streams = streams;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        KafkaStreams.State state = streams.state();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", state.name());
        details.put("applicationId", streams.applicationId());
        details.put("startGatesOpen", streams.gatesOpen());
        if (streams.fatalError() != null) {
            details.put("error", streams.fatalError().toString());
        }
        HealthStatus status = state == KafkaStreams.State.RUNNING ? HealthStatus.UP : HealthStatus.DOWN;
        return Publishers.just(HealthResult.builder("kafka-streams", status).details(details).build());
    }
}
