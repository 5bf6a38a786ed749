package io.platform.etl.stage.aggregate;

import io.platform.etl.model.spec.LateDataHandling;
import io.platform.etl.stageruntime.InputRecord;
import io.platform.etl.stageruntime.metrics.StageMetrics;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.TaskId;

/**
 * The aggregate stage's part of the topology, on records already partitioned by group key: the stores, the
 * aggregate processor, the late-data sink (unless late records are only dropped), and the result stream.
 */
final class AggregateGraph {

    private AggregateGraph() {
    }

    static KStream<byte[], byte[]> attach(KStream<byte[], InputRecord> byGroup, StreamsBuilder builder,
                                          AggregateConfig config, Function<TaskId, EventClock> clocks,
                                          StageMetrics metrics) {
        AggregateStores.add(builder);
        KStream<byte[], Emission> emitted = byGroup.process(() -> new AggregateProcessor(config, clocks, metrics),
                Named.as("aggregate"), AggregateStores.ALL);
        if (config.lateHandling() != LateDataHandling.DROP) {
            Serde<byte[]> bytes = Serdes.ByteArray();
            emitted.filter((key, value) -> value.late(), Named.as("late-records"))
                    .mapValues(Emission::value, Named.as("late-values"))
                    .to(config.lateTopic(), Produced.with(bytes, bytes).withName("late-data"));
        }
        return emitted.filter((key, value) -> !value.late(), Named.as("results"))
                .mapValues(Emission::value, Named.as("result-values"));
    }
}
