package io.platform.etl.stage.aggregate;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The stage's two changelogged stores (restored exactly after a crash, part of the exactly-once transaction):
 * <ul>
 *   <li>{@value #WINDOWS}: (window start, group key) → {@code WindowState}; RocksDB; entries live from the first
 *       record of a window until it closes ({@code process} mode: until the late retention ends); a state with
 *       a result not emitted yet says so itself, so the stage needs no store of pending keys</li>
 *   <li>{@value #PROGRESS}: the watermark windows were closed up to, so closing never goes back after a restart</li>
 * </ul>
 */
final class AggregateStores {

    static final String WINDOWS = "aggregate-windows";
    static final String PROGRESS = "aggregate-progress";
    static final String[] ALL = {WINDOWS, PROGRESS};

    private AggregateStores() {
    }

    static void add(StreamsBuilder builder) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WINDOWS),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PROGRESS),
                Serdes.String(), Serdes.Long()));
    }
}
