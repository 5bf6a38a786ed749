package io.platform.etl.stage.dedupe.state;

import java.util.ArrayList;
import java.util.List;

/**
 * One bucket of {@link ExactTableStore}: linear probing over slots of (hi, lo, time, position). A slot is empty while
 * its hash is (0, 0), so a look-up reads the hash array alone (16 bytes a slot, four slots a cache line) until it
 * meets the key or an empty slot: misses, most look-ups, touch neither the times nor the positions (they did while an
 * empty slot was marked in the times: a sixth of the deciding thread in the bench profile). A removed key keeps its
 * hash, so probe chains stay whole, with time -1; a rehash drops it. The one key whose hash is (0, 0) is kept beside
 * the slots.
 */
final class ExactTable {

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

    ExactTable() {
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
        byte[] value = new byte[ExactTableStore.VALUE];
        BigEndian.putInt(value, 0, time);
        BigEndian.putLong(value, 4, position);
        return value;
    }

    private static byte[] key(long prefix, long hi, long lo) {
        byte[] key = new byte[ExactTableStore.ENTRY_KEY];
        BigEndian.putInt(key, 0, (int) prefix);
        BigEndian.putLong(key, ExactTableStore.PREFIX, hi);
        BigEndian.putLong(key, ExactTableStore.PREFIX + 8, lo);
        return key;
    }
}
