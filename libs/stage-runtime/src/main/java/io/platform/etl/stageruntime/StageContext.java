package io.platform.etl.stageruntime;

import io.platform.etl.model.spec.StreamingPipeline;
import io.platform.etl.stageruntime.metrics.StageMetrics;
import io.platform.etl.stageruntime.spec.StageSection;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * What a {@link StageTopology} gets to build its part.
 *
 * @param section  the stage's section of the spec and its resolved topics
 * @param metrics  throughput / latency / error meters labelled with the stage name
 * @param builder  the topology builder (for state stores)
 */
public record StageContext(StageSection section, StageMetrics metrics, StreamsBuilder builder) {

    public StreamingPipeline pipeline() {
        return section.pipeline();
    }
}
