package io.platform.etl.stageruntime.kafka;

import io.platform.etl.stageruntime.InputRecord;
import io.platform.etl.stageruntime.dlq.DeadLetters;
import io.platform.etl.stageruntime.dlq.Decoded;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/** The pieces every input of a stage shares: the watermark store and the split into dead letters and events. */
public final class InputRouting {

    private InputRouting() {
    }

    /** Adds the changelogged store an input clock keeps its state in; returns its name. */
    public static String clockStore(StreamsBuilder builder, String name) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.Bytes(),
                Serdes.ByteArray()).withCachingDisabled());
        return name;
    }

    /** Sends unreadable records to the dead-letter topic and returns the readable ones. */
    public static KStream<byte[], InputRecord> route(KStream<byte[], Decoded> decoded, DeadLetters deadLetters,
                                                     String prefix) {
        decoded.filter((k, v) -> !v.isValid(), Named.as(prefix + "-unreadable"))
                .mapValues(Decoded::rejected, Named.as(prefix + "-unreadable-bytes"))
                .to(deadLetters.topic(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName(prefix + "-dead-letters"));
        return decoded.filter((k, v) -> v.isValid(), Named.as(prefix + "-readable"))
                .mapValues(Decoded::valid, Named.as(prefix + "-events"));
    }
}
