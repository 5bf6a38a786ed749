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

    private static final int PREFIX = ExactSeenKeys.PREFIX;
    private static final int ENTRY_KEY = PREFIX + KeyHash.BYTES;
    private static final int VALUE = 12;

    private final NavigableMap<Long, byte[]> markers = new TreeMap<>();
    private final NavigableMap<Long, Table> tables = new TreeMap<>();
    /** The table last looked up: records come in event-time order mostly, so most look-ups hit the same bucket. */
    private long lastPrefix = -1;
    private Table lastTable;

    @Override
    public byte[] get(byte[] key) {
        if (key.length == PREFIX) {
            return markers.get(prefix(key));
        }
        Table table = table(entryPrefix(key));
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
        Table table = table(prefix);
        if (table == null) {
            table = new Table();
            tables.put(prefix, table);
            lastPrefix = prefix;
            lastTable = table;
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
        Table table = table(prefix);
        if (table != null && table.remove(hi(key), lo(key)) && table.size() == 0) {
            tables.remove(prefix);
            lastTable = null;
            lastPrefix = -1;
        }
    }

    /** A bucket's marker and table at once, without sorting or a key object per entry. */
    @Override
    public long deletePrefix(byte[] prefix) {
        if (prefix.length != PREFIX) {
            return SortedStore.super.deletePrefix(prefix);
        }
        long bucket = prefix(prefix);
        Table table = tables.remove(bucket);
        lastTable = null;
        lastPrefix = -1;
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
        for (Table table : tables.values()) {
            entries += table.size();
        }
        return entries;
    }

    /** Bytes of the tables' arrays: what the state costs in memory. */
    public long memoryBytes() {
        long bytes = 0;
        for (Table table : tables.values()) {
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
            Table table = tables.get(prefix);
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

    private Table table(long prefix) {
        if (prefix != lastPrefix) {
            lastTable = tables.get(prefix);
            lastPrefix = lastTable == null ? -1 : prefix;
        }
        return lastTable;
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

    /**
     * One bucket: linear probing over slots of (hi, lo, time, position). A slot is empty while its hash is (0, 0), so
     * a look-up reads the hash array alone (16 bytes a slot, four slots a cache line) until it meets the key or an
     * empty slot: misses, most look-ups, touch neither the times nor the positions (they did while an empty slot was
     * marked in the times: a sixth of the deciding thread in the bench profile). A removed key keeps its hash, so
     * probe chains stay whole, with time -1; a rehash drops it. The one key whose hash is (0, 0) is kept beside the
     * slots.
     */
    private static final class Table {

        private static final int REMOVED = -1;

        private long[] hashes;
        private int[] times;
        private long[] positions;
        private int mask;
        /** Live keys in slots. */
        private int size;
        /** Slots with a hash: live or removed. */
        private int used;
        private boolean zero;
        private int zeroTime;
        private long zeroPosition;

        Table() {
            allocate(1024);
        }

        int size() {
            return size + (zero ? 1 : 0);
        }

        long memoryBytes() {
            return (long) times.length * (16 + 4 + 8);
        }

        byte[] get(long hi, long lo) {
            if ((hi | lo) == 0) {
                return zero ? value(zeroTime, zeroPosition) : null;
            }
            int slot = find(hi, lo);
            return slot < 0 ? null : value(times[slot], positions[slot]);
        }

        void put(long hi, long lo, int time, long position) {
            if (time < 0) {
                throw new IllegalArgumentException("negative time offset " + time);
            }
            if ((hi | lo) == 0) {
                zero = true;
                zeroTime = time;
                zeroPosition = position;
                return;
            }
            for (int slot = start(lo); ; slot = (slot + 1) & mask) {
                long h = hashes[2 * slot];
                long l = hashes[2 * slot + 1];
                if (h == hi && l == lo) {
                    if (times[slot] == REMOVED) {
                        size++;
                    }
                    times[slot] = time;
                    positions[slot] = position;
                    return;
                }
                if ((h | l) == 0) {
                    // At most 3/4 full: most look-ups miss (new keys), and a miss under linear probing scans ~32
                    // slots at 7/8 (the first bench profile: a tenth of the deciding thread) against ~8 at 3/4.
                    if ((used + 1) * 4L > times.length * 3L) {
                        rehash(size + 1 > times.length * 3 / 8 ? times.length * 2 : times.length);
                        put(hi, lo, time, position);
                        return;
                    }
                    hashes[2 * slot] = hi;
                    hashes[2 * slot + 1] = lo;
                    times[slot] = time;
                    positions[slot] = position;
                    size++;
                    used++;
                    return;
                }
            }
        }

        boolean remove(long hi, long lo) {
            if ((hi | lo) == 0) {
                boolean had = zero;
                zero = false;
                return had;
            }
            int slot = find(hi, lo);
            if (slot < 0) {
                return false;
            }
            times[slot] = REMOVED;
            size--;
            return true;
        }

        List<byte[]> keys(long prefix) {
            List<byte[]> keys = new ArrayList<>(size());
            for (int i = 0; i < times.length; i++) {
                if ((hashes[2 * i] | hashes[2 * i + 1]) != 0 && times[i] != REMOVED) {
                    keys.add(key(prefix, hashes[2 * i], hashes[2 * i + 1]));
                }
            }
            if (zero) {
                keys.add(key(prefix, 0, 0));
            }
            return keys;
        }

        /** The live slot of a non-zero hash, or -1. */
        private int find(long hi, long lo) {
            for (int slot = start(lo); ; slot = (slot + 1) & mask) {
                long h = hashes[2 * slot];
                long l = hashes[2 * slot + 1];
                if (h == hi && l == lo) {
                    return times[slot] == REMOVED ? -1 : slot;
                }
                if ((h | l) == 0) {
                    return -1;
                }
            }
        }

        private int start(long lo) {
            // The key is a MurmurHash3-128 already: any of its bits are uniform.
            return (int) (lo ^ (lo >>> 32)) & mask;
        }

        private void rehash(int capacity) {
            long[] oldHashes = hashes;
            int[] oldTimes = times;
            long[] oldPositions = positions;
            allocate(capacity);
            for (int i = 0; i < oldTimes.length; i++) {
                long hi = oldHashes[2 * i];
                long lo = oldHashes[2 * i + 1];
                if ((hi | lo) != 0 && oldTimes[i] != REMOVED) {
                    int slot = start(lo);
                    while ((hashes[2 * slot] | hashes[2 * slot + 1]) != 0) {
                        slot = (slot + 1) & mask;
                    }
                    hashes[2 * slot] = hi;
                    hashes[2 * slot + 1] = lo;
                    times[slot] = oldTimes[i];
                    positions[slot] = oldPositions[i];
                    size++;
                    used++;
                }
            }
        }

        private void allocate(int capacity) {
            hashes = new long[2 * capacity];
            times = new int[capacity];
            positions = new long[capacity];
            mask = capacity - 1;
            size = 0;
            used = 0;
        }

        private static byte[] value(int time, long position) {
            byte[] value = new byte[VALUE];
            BigEndian.putInt(value, 0, time);
            BigEndian.putLong(value, 4, position);
            return value;
        }

        private static byte[] key(long prefix, long hi, long lo) {
            byte[] key = new byte[ENTRY_KEY];
            BigEndian.putInt(key, 0, (int) prefix);
            BigEndian.putLong(key, PREFIX, hi);
            BigEndian.putLong(key, PREFIX + 8, lo);
            return key;
        }
    }
}
