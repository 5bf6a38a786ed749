package io.platform.etl.stage.dedupe.state;

import io.platform.etl.stage.dedupe.key.KeyHash;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The {@link SortedStore} of {@link ExactSeenKeys} in memory without an object per key (ADR 0609): per bucket one
 * open-addressing table of primitive arrays (hash, time, position: 28 bytes a slot, between 3/8 and 3/4 full), so a
 * million keys are a few arrays the collector does not trace element by element. It knows ExactSeenKeys' layout only:
 * markers {@code [bucket:4]} with any value, entries {@code [bucket:4][hash:16]} with a 12-byte value
 * {@code [time offset:4][position:8]}. Ordered reads (the marker scan, a bucket's purge) sort on demand.
 */
public final class ExactTableStore implements SortedStore {

    static final int PREFIX = ExactSeenKeys.PREFIX;
    static final int ENTRY_KEY = PREFIX + KeyHash.BYTES;
    static final int VALUE = 12;
    private static final int CACHE = 16;

    private final NavigableMap<Long, byte[]> markers = new TreeMap<>();
    private final NavigableMap<Long, ExactTable> tables = new TreeMap<>();
    /**
     * Tables recently looked up, direct-mapped by bucket: a look-up probes every bucket within a window of the
     * record's time (~5 with the default 4 buckets a window), and a sorted map's walk with a boxed key for each was a
     * tenth of the deciding thread.
     */
    private final long[] cachedPrefixes = new long[CACHE];
    private final ExactTable[] cachedTables = new ExactTable[CACHE];

    public ExactTableStore() {
        forget();
    }

    @Override
    public byte[] get(byte[] key) {
        if (key.length == PREFIX) {
            return markers.get(prefix(key));
        }
        ExactTable table = table(entryPrefix(key));
        return table == null ? null : table.get(hi(key), lo(key));
    }

    @Override
    public void put(byte[] key, byte[] value) {
        if (key.length == PREFIX) {
            markers.put(prefix(key), value.clone());
            return;
        }
        long prefix = entryPrefix(key);
        if (value.length != VALUE) {
            throw new IllegalArgumentException("an exact entry's value has " + VALUE + " bytes, got " + value.length);
        }
        ExactTable table = table(prefix);
        if (table == null) {
            table = new ExactTable();
            tables.put(prefix, table);
        }
        table.put(hi(key), lo(key), BigEndian.getInt(value, 0), BigEndian.getLong(value, 4));
    }

    @Override
    public void delete(byte[] key) {
        if (key.length == PREFIX) {
            markers.remove(prefix(key));
            return;
        }
        long prefix = entryPrefix(key);
        ExactTable table = table(prefix);
        if (table != null && table.remove(hi(key), lo(key)) && table.size() == 0) {
            tables.remove(prefix);
            forget();
        }
    }

    /** A bucket's marker and table at once, without sorting or a key object per entry. */
    @Override
    public long deletePrefix(byte[] prefix) {
        if (prefix.length != PREFIX) {
            return SortedStore.super.deletePrefix(prefix);
        }
        long bucket = prefix(prefix);
        ExactTable table = tables.remove(bucket);
        forget();
        return (markers.remove(bucket) != null ? 1 : 0) + (table == null ? 0 : table.size());
    }

    @Override
    public Map.Entry<byte[], byte[]> firstAtOrAfter(byte[] from) {
        List<Map.Entry<byte[], byte[]>> first = new ArrayList<>(1);
        scan(from, null, e -> first.isEmpty(), first::add);
        return first.isEmpty() ? null : first.getFirst();
    }

    @Override
    public void forEach(byte[] from, byte[] to, Consumer<Map.Entry<byte[], byte[]>> action) {
        scan(from, to, e -> true, action);
    }

    @Override
    public long approximateEntries() {
        long entries = markers.size();
        for (ExactTable table : tables.values()) {
            entries += table.size();
        }
        return entries;
    }

    /** Bytes of the tables' arrays: what the state costs in memory. */
    public long memoryBytes() {
        long bytes = 0;
        for (ExactTable table : tables.values()) {
            bytes += table.memoryBytes();
        }
        return bytes;
    }

    /** Entries with {@code from <= key < to} in key order, while {@code more} holds. */
    private void scan(byte[] from, byte[] to, java.util.function.Predicate<Void> more,
                      Consumer<Map.Entry<byte[], byte[]>> action) {
        long low = lowPrefix(from);
        TreeMap<Long, Boolean> prefixes = new TreeMap<>();
        markers.tailMap(low, true).keySet().forEach(p -> prefixes.put(p, true));
        tables.tailMap(low, true).keySet().forEach(p -> prefixes.put(p, true));
        for (long prefix : prefixes.keySet()) {
            byte[] marker = markers.get(prefix);
            if (marker != null) {
                byte[] key = ByteBuffer.allocate(PREFIX).putInt((int) prefix).array();
                if (inRange(key, from, to)) {
                    if (!more.test(null)) {
                        return;
                    }
                    action.accept(Map.entry(key, marker.clone()));
                } else if (to != null && Arrays.compareUnsigned(key, to) >= 0) {
                    return;
                }
            }
            ExactTable table = tables.get(prefix);
            if (table == null) {
                continue;
            }
            if (!more.test(null)) {
                // Checked before the bucket is sorted: the marker scan after a restore stops at each marker.
                return;
            }
            List<byte[]> keys = table.keys(prefix);
            keys.sort(Arrays::compareUnsigned);
            for (byte[] key : keys) {
                if (inRange(key, from, to)) {
                    if (!more.test(null)) {
                        return;
                    }
                    action.accept(Map.entry(key, get(key)));
                } else if (to != null && Arrays.compareUnsigned(key, to) >= 0) {
                    return;
                }
            }
        }
    }

    private static boolean inRange(byte[] key, byte[] from, byte[] to) {
        return Arrays.compareUnsigned(key, from) >= 0 && (to == null || Arrays.compareUnsigned(key, to) < 0);
    }

    /** The smallest bucket whose keys can be {@code >= from}. */
    private static long lowPrefix(byte[] from) {
        byte[] four = Arrays.copyOf(from, PREFIX);
        return prefix(four);
    }

    private ExactTable table(long prefix) {
        int slot = (int) ((prefix * 0x9E3779B97F4A7C15L) >>> 60);
        if (cachedPrefixes[slot] != prefix) {
            ExactTable table = tables.get(prefix);
            if (table == null) {
                return null;
            }
            cachedPrefixes[slot] = prefix;
            cachedTables[slot] = table;
        }
        return cachedTables[slot];
    }

    /** Empties the table cache (a table was added or removed). */
    private void forget() {
        Arrays.fill(cachedPrefixes, -1);
        Arrays.fill(cachedTables, null);
    }

    private static long prefix(byte[] key) {
        return Integer.toUnsignedLong(BigEndian.getInt(key, 0));
    }

    private static long entryPrefix(byte[] key) {
        if (key.length != ENTRY_KEY) {
            throw new IllegalArgumentException("an exact store key has " + PREFIX + " or " + ENTRY_KEY
                    + " bytes, got " + key.length);
        }
        return prefix(key);
    }

    private static long hi(byte[] key) {
        return BigEndian.getLong(key, PREFIX);
    }

    private static long lo(byte[] key) {
        return BigEndian.getLong(key, PREFIX + 8);
    }
}
