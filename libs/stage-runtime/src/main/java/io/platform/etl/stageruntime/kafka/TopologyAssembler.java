package io.platform.etl.stageruntime.kafka;

import io.platform.etl.model.event.EventCodec;
import io.platform.etl.stageruntime.InputRecord;
import io.platform.etl.stageruntime.StageContext;
import io.platform.etl.stageruntime.StageTopology;
import io.platform.etl.stageruntime.dlq.DeadLetters;
import io.platform.etl.stageruntime.dlq.DecodeProcessor;
import io.platform.etl.stageruntime.dlq.Decoded;
import io.platform.etl.stageruntime.metrics.StageMetrics;
import io.platform.etl.stageruntime.spec.StageSection;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The topology every stage runs: input topic → decode → (unreadable → dead-letter topic) → the stage's part →
 * output topic. All sinks are written in the same exactly-once transaction as the input offsets.
 */
public final class TopologyAssembler {

    private TopologyAssembler() {
    }

    public static Topology assemble(StageSection section, StageTopology stage, StageMetrics metrics,
                                    DeadLetters deadLetters, int maxRecordBytes) {
        Serde<byte[]> bytes = Serdes.ByteArray();
        StreamsBuilder builder = new StreamsBuilder();
        KStream<byte[], Decoded> decoded = builder
                .stream(section.topics().input(), Consumed.with(bytes, bytes).withName("input"))
                .processValues(() -> new DecodeProcessor(new EventCodec(maxRecordBytes), deadLetters),
                        Named.as("decode"));
        decoded.filter((k, v) -> !v.isValid(), Named.as("unreadable"))
                .mapValues(Decoded::rejected, Named.as("unreadable-bytes"))
                .to(deadLetters.topic(), Produced.with(bytes, bytes).withName("dead-letters"));
        KStream<byte[], InputRecord> valid = decoded.filter((k, v) -> v.isValid(), Named.as("readable"))
                .mapValues(Decoded::valid, Named.as("events"));
        stage.build(valid, new StageContext(section, metrics, builder))
                .to(section.topics().output(), Produced.with(bytes, bytes).withName("output"));
        return builder.build();
    }
}
