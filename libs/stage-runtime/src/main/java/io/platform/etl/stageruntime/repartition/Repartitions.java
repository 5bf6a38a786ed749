package io.platform.etl.stageruntime.repartition;

import io.platform.etl.model.event.EventCodec;
import io.platform.etl.stageruntime.InputRecord;
import io.platform.etl.stageruntime.dlq.DeadLetters;
import io.platform.etl.stageruntime.dlq.Decoded;
import io.platform.etl.stageruntime.dlq.RecordDecoder;
import io.platform.etl.stageruntime.eventtime.ControlBroadcast;
import io.platform.etl.stageruntime.eventtime.EventTime;
import io.platform.etl.stageruntime.eventtime.UpstreamClock;
import io.platform.etl.stageruntime.kafka.InputRouting;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KeyValueMapper;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Moves a stage's records through a repartition topic keyed by the stage's key (so equal keys meet in one task
 * whatever partition they arrived on), carrying the pipeline watermark through it (ADR 0320): the tasks before the
 * topic write their watermark into all its partitions, the tasks after it track them like any upstream.
 */
public final class Repartitions {

    private final StreamsBuilder builder;
    private final EventTime eventTime;
    private final EventCodec codec;
    private final DeadLetters deadLetters;

    public Repartitions(StreamsBuilder builder, EventTime eventTime, EventCodec codec, DeadLetters deadLetters) {
        this.builder = builder;
        this.eventTime = eventTime;
        this.codec = codec;
        this.deadLetters = deadLetters;
    }

    /**
     * @param name   names the repartition topic ({@code <application-id>-<name>-repartition}) and its processors
     * @param newKey the key records are partitioned by (null becomes an empty key)
     * @return the records after the topic, with their original key, value bytes and headers
     */
    public KStream<byte[], InputRecord> repartition(KStream<byte[], InputRecord> input, String name,
                                                     KeyValueMapper<byte[], InputRecord, byte[]> newKey) {
        Serde<byte[]> bytes = Serdes.ByteArray();
        String store = InputRouting.clockStore(builder, "etl-event-time-" + name);
        KStream<byte[], byte[]> moved = input
                .process(() -> new RepartitionWriter(newKey, eventTime), Named.as(name + "-key"))
                .repartition(Repartitioned.<byte[], byte[]>as(name).withKeySerde(bytes).withValueSerde(bytes)
                        .withStreamPartitioner(new ControlBroadcast()));
        String topic = eventTime.repartitionTopic(name);
        KStream<byte[], Decoded> decoded = moved.process(() -> new RepartitionReader(
                new RecordDecoder(codec, deadLetters, new UpstreamClock(eventTime, store), false), topic),
                Named.as(name + "-read"), store);
        return InputRouting.route(decoded, deadLetters, name);
    }
}
