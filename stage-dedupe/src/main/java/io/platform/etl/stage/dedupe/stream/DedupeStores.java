package io.platform.etl.stage.dedupe.stream;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The stage's state stores, all changelogged (restored exactly after a crash under exactly-once):
 * {@value #EXACT} (RocksDB, uncached: one 32-byte entry per key, written once), {@value #BLOOM} (RocksDB, cached: the
 * cache folds many writes to a Bloom page into one per commit) and {@value #META} (in memory, cached: the watermark).
 */
final class DedupeStores {

    static final String EXACT = "dedupe-exact";
    static final String BLOOM = "dedupe-bloom";
    static final String META = "dedupe-meta";

    private DedupeStores() {
    }

    static void addTo(StreamsBuilder builder) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EXACT),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BLOOM),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled());
        builder.addStateStore(Stores.<Bytes, byte[]>keyValueStoreBuilder(Stores.inMemoryKeyValueStore(META),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled());
    }
}
