package io.platform.etl.stage.dedupe.state;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/** A {@link SortedStore} on a sorted map, for unit tests of the state logic without Kafka Streams. */
public final class MapStore implements SortedStore {

    private final TreeMap<byte[], byte[]> map = new TreeMap<>(Arrays::compareUnsigned);
    private long bytes;

    @Override
    public byte[] get(byte[] key) {
        return map.get(key);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        byte[] old = map.put(key, value);
        bytes += value.length - (old == null ? -key.length : old.length);
    }

    @Override
    public void delete(byte[] key) {
        byte[] old = map.remove(key);
        if (old != null) {
            bytes -= key.length + old.length;
        }
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

    /** Key plus value bytes of every entry. */
    public long bytes() {
        return bytes;
    }
}
