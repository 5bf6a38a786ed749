package io.platform.etl.stageruntime.kafka;

import io.platform.etl.model.event.EventCodec;
import io.platform.etl.stageruntime.InputRecord;
import io.platform.etl.stageruntime.StageContext;
import io.platform.etl.stageruntime.StageTopology;
import io.platform.etl.stageruntime.dlq.Branches;
import io.platform.etl.stageruntime.dlq.DeadLetters;
import io.platform.etl.stageruntime.dlq.DecodeProcessor;
import io.platform.etl.stageruntime.dlq.Decoded;
import io.platform.etl.stageruntime.dlq.RecordDecoder;
import io.platform.etl.stageruntime.eventtime.ControlBroadcast;
import io.platform.etl.stageruntime.eventtime.DataClock;
import io.platform.etl.stageruntime.eventtime.EventTime;
import io.platform.etl.stageruntime.eventtime.InputClock;
import io.platform.etl.stageruntime.eventtime.UpstreamClock;
import io.platform.etl.stageruntime.eventtime.WatermarkEmitter;
import io.platform.etl.stageruntime.eventtime.WatermarkSource;
import io.platform.etl.stageruntime.metrics.StageMetrics;
import io.platform.etl.stageruntime.repartition.Repartitions;
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
 * The topology every stage runs: input topic → decode (control records feed the task's watermark, unreadable
 * records → dead-letter topic) → the stage's part → watermark marks added → output topic. All sinks are written in
 * the same exactly-once transaction as the input offsets.
 */
public final class TopologyAssembler {

    static final String INPUT_CLOCK_STORE = "etl-event-time";

    private TopologyAssembler() {
    }

    /** The stage's topology on a fresh builder, for {@code TopologyTestDriver} and benchmarks. */
    public static Topology assemble(StageSection section, StageTopology stage, StageMetrics metrics,
                                    DeadLetters deadLetters, int maxRecordBytes, EventTime eventTime) {
        StreamsBuilder builder = new StreamsBuilder();
        assemble(builder, section, stage, metrics, deadLetters, maxRecordBytes, eventTime);
        return builder.build();
    }

    /** Adds the stage's topology to {@code builder}; returns the stream written to the output topic. */
    public static KStream<byte[], byte[]> assemble(StreamsBuilder builder, StageSection section, StageTopology stage,
                                                   StageMetrics metrics, DeadLetters deadLetters, int maxRecordBytes,
                                                   EventTime eventTime) {
        Serde<byte[]> bytes = Serdes.ByteArray();
        EventCodec codec = new EventCodec(maxRecordBytes);
        String input = section.topics().input();
        String store = InputRouting.clockStore(builder, INPUT_CLOCK_STORE);
        WatermarkSource source = eventTime.settings().source()
                .resolve(input, section.pipeline().spec().source().config().topic());
        KStream<byte[], Decoded> decoded = builder
                .stream(input, Consumed.with(bytes, bytes).withName("input"))
                .processValues(() -> new DecodeProcessor(new RecordDecoder(codec, deadLetters,
                        newClock(source, eventTime, store), true), input, Branches.of("input")), Named.as("decode"),
                        store);
        KStream<byte[], InputRecord> valid = InputRouting.route(decoded, deadLetters, "input");
        StageContext context = new StageContext(section, metrics, builder, eventTime,
                new Repartitions(builder, eventTime, codec, deadLetters));
        KStream<byte[], byte[]> output = stage.build(valid, context);
        // The sink is for the pipeline's consumers: no control records there (ADR 0320).
        boolean sink = section.pipeline().topicAfter(section.name())
                .equals(section.pipeline().spec().sink().config().topic());
        if (!sink) {
            output = output.process(() -> new WatermarkEmitter(eventTime), Named.as("watermarks"));
        }
        output.to(section.topics().output(), Produced.with(bytes, bytes).withStreamPartitioner(new ControlBroadcast())
                        .withName("output"));
        return output;
    }

    private static InputClock newClock(WatermarkSource source, EventTime eventTime, String store) {
        return source == WatermarkSource.DATA ? new DataClock(eventTime, store) : new UpstreamClock(eventTime, store);
    }
}
