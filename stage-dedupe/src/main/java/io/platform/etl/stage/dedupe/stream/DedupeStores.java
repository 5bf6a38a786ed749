package io.platform.etl.stage.dedupe.stream;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The stage's state stores, both changelogged (restored exactly after a crash under exactly-once):
 * {@value #EXACT} (RocksDB, uncached: one 32-byte entry per key, written once) and {@value #BLOOM} (RocksDB, cached:
 * the cache folds many writes to a Bloom page into one per commit). The watermark is the runtime's (ADR 0320).
 */
final class DedupeStores {

    static final String EXACT = "dedupe-exact";
    static final String BLOOM = "dedupe-bloom";

    private DedupeStores() {
    }

    static void addTo(StreamsBuilder builder) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EXACT),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BLOOM),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled());
    }
}
