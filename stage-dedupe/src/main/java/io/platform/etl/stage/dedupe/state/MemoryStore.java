package io.platform.etl.stage.dedupe.state;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A {@link SortedStore} on a sorted map in memory: for state made of few large entries (the Bloom pages). Not for
 * millions of small ones: every entry is three objects the collector traces ({@link ExactTableStore} is for those).
 */
public final class MemoryStore implements SortedStore {

    private final TreeMap<byte[], byte[]> map = new TreeMap<>(Arrays::compareUnsigned);

    @Override
    public byte[] get(byte[] key) {
        return map.get(key);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        map.put(key, value);
    }

    @Override
    public void delete(byte[] key) {
        map.remove(key);
    }

    @Override
    public Map.Entry<byte[], byte[]> firstAtOrAfter(byte[] from) {
        return map.ceilingEntry(from);
    }

    @Override
    public void forEach(byte[] from, byte[] to, Consumer<Map.Entry<byte[], byte[]>> action) {
        (to == null ? map.tailMap(from, true) : map.subMap(from, true, to, false)).entrySet().forEach(action);
    }

    @Override
    public long approximateEntries() {
        return map.size();
    }
}
