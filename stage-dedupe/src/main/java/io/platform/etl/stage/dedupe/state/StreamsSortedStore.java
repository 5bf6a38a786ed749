package io.platform.etl.stage.dedupe.state;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** A {@link SortedStore} on a Kafka Streams byte store (RocksDB with a changelog topic). */
public final class StreamsSortedStore implements SortedStore {

    private final KeyValueStore<Bytes, byte[]> store;

    public StreamsSortedStore(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    @Override
    public byte[] get(byte[] key) {
        return store.get(Bytes.wrap(key));
    }

    @Override
    public void put(byte[] key, byte[] value) {
        store.put(Bytes.wrap(key), value);
    }

    @Override
    public void delete(byte[] key) {
        store.delete(Bytes.wrap(key));
    }

    @Override
    public Map.Entry<byte[], byte[]> firstAtOrAfter(byte[] from) {
        try (KeyValueIterator<Bytes, byte[]> it = store.range(Bytes.wrap(from), null)) {
            if (!it.hasNext()) {
                return null;
            }
            KeyValue<Bytes, byte[]> next = it.next();
            return Map.entry(next.key.get(), next.value);
        }
    }

    @Override
    public void forEach(byte[] from, byte[] to, Consumer<Map.Entry<byte[], byte[]>> action) {
        // Kafka Streams ranges include their upper bound; ours excludes it.
        try (KeyValueIterator<Bytes, byte[]> it = store.range(Bytes.wrap(from), Bytes.wrap(to))) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> next = it.next();
                if (!Arrays.equals(next.key.get(), to)) {
                    action.accept(Map.entry(next.key.get(), next.value));
                }
            }
        }
    }

    @Override
    public long approximateEntries() {
        return store.approximateNumEntries();
    }
}
