package io.platform.etl.stage.dedupe.state;

import java.util.Map;
import java.util.function.Consumer;

/**
 * The stage's {@link MemoryStore} counting the key and value bytes it holds: unit tests measure the state's size with
 * it, independently of what the state reports about itself.
 */
public final class MapStore implements SortedStore {

    private final MemoryStore store = new MemoryStore();
    private long bytes;

    @Override
    public byte[] get(byte[] key) {
        return store.get(key);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        byte[] old = store.get(key);
        store.put(key, value);
        bytes += value.length - (old == null ? -key.length : old.length);
    }

    @Override
    public void delete(byte[] key) {
        byte[] old = store.get(key);
        store.delete(key);
        if (old != null) {
            bytes -= key.length + old.length;
        }
    }

    @Override
    public Map.Entry<byte[], byte[]> firstAtOrAfter(byte[] from) {
        return store.firstAtOrAfter(from);
    }

    @Override
    public void forEach(byte[] from, byte[] to, Consumer<Map.Entry<byte[], byte[]>> action) {
        store.forEach(from, to, action);
    }

    @Override
    public long approximateEntries() {
        return store.approximateEntries();
    }

    /** Key plus value bytes of every entry. */
    public long bytes() {
        return bytes;
    }
}
