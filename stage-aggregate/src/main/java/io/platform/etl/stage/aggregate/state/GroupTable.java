package io.platform.etl.stage.aggregate.state;

import io.platform.etl.stage.aggregate.accumulate.WindowState;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The groups of one window in one partition: an open-addressing hash table (linear probing) whose entries are either
 * <em>clean</em> — one {@code byte[]}: 2-byte group length, group key bytes, encoded state, exactly what the
 * changelog holds — or <em>hot</em>: a {@link Hot} with the decoded state, changed since the changelog last got it.
 * A million long-lived groups are then a million arrays, not ten million small objects (ADR 0705). Removed entries
 * leave a {@link #GONE} marker so probe chains stay intact; a resize drops the markers.
 */
final class GroupTable {

    /** A removed entry's slot. */
    private static final Object GONE = new Object();
    private static final int MAX_GROUP_BYTES = 0xFFFF;

    /** Entries in unsigned byte order of their group keys (the order results are emitted in). */
    static final Comparator<Object> GROUP_ORDER = (a, b) -> Arrays.compareUnsigned(
            group(a), groupFrom(a), groupFrom(a) + groupLength(a), group(b), groupFrom(b), groupFrom(b) + groupLength(b));

    private Object[] slots = new Object[8];
    /** Slots not null (entries and markers). */
    private int used;
    private int live;

    /** A (window, group) whose state changed since it was last written to the changelog. */
    static final class Hot {
        final long start;
        final byte[] group;
        final int hash;
        final WindowState state;
        /**
         * The clean entry it was decoded from (null for a new state): written over in place when the new encoding
         * has its length, so a long-lived entry is not copied into a new array (and through the young generation)
         * each time it changes.
         */
        final byte[] clean;
        /** False once written back as a clean entry, or removed. */
        boolean live = true;

        Hot(long start, byte[] group, int hash, WindowState state, byte[] clean) {
            this.start = start;
            this.group = group;
            this.hash = hash;
            this.state = state;
            this.clean = clean;
        }

        /** The clean entry holding {@code encoded}: the old one rewritten when it fits exactly, else a new one. */
        byte[] packed(byte[] encoded) {
            int from = 2 + group.length;
            if (clean != null && clean.length == from + encoded.length) {
                System.arraycopy(encoded, 0, clean, from, encoded.length);
                return clean;
            }
            return clean(group, encoded);
        }
    }

    static int hash(byte[] bytes, int from, int length) {
        int h = 1;
        for (int i = from; i < from + length; i++) {
            h = 31 * h + bytes[i];
        }
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** A clean entry: group length, group, state. */
    static byte[] clean(byte[] group, byte[] state) {
        if (group.length > MAX_GROUP_BYTES) {
            throw new IllegalArgumentException("group key of " + group.length + " bytes; at most " + MAX_GROUP_BYTES);
        }
        byte[] entry = new byte[2 + group.length + state.length];
        entry[0] = (byte) (group.length >>> 8);
        entry[1] = (byte) group.length;
        System.arraycopy(group, 0, entry, 2, group.length);
        System.arraycopy(state, 0, entry, 2 + group.length, state.length);
        return entry;
    }

    static byte[] group(Object entry) {
        return entry instanceof Hot hot ? hot.group : (byte[]) entry;
    }

    static int groupFrom(Object entry) {
        return entry instanceof Hot ? 0 : 2;
    }

    static int groupLength(Object entry) {
        if (entry instanceof Hot hot) {
            return hot.group.length;
        }
        byte[] clean = (byte[]) entry;
        return ((clean[0] & 0xFF) << 8) | (clean[1] & 0xFF);
    }

    /** Where a clean entry's encoded state begins. */
    static int stateFrom(byte[] clean) {
        return 2 + groupLength(clean);
    }

    private static int hashOf(Object entry) {
        return entry instanceof Hot hot ? hot.hash : hash((byte[]) entry, 2, groupLength(entry));
    }

    /** The slot of the group {@code length} bytes from {@code from} in {@code bytes}, or -1. */
    int find(byte[] bytes, int from, int length, int hash) {
        int mask = slots.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            Object entry = slots[i];
            if (entry == null) {
                return -1;
            }
            if (entry != GONE && groupLength(entry) == length) {
                int at = groupFrom(entry);
                if (Arrays.equals(group(entry), at, at + length, bytes, from, from + length)) {
                    return i;
                }
            }
        }
    }

    Object at(int slot) {
        return slots[slot];
    }

    /** Replaces the entry in {@code slot} by another of the same group. */
    void set(int slot, Object entry) {
        slots[slot] = entry;
    }

    /** Adds an entry whose group is not in the table. */
    void insert(Object entry, int hash) {
        if ((used + 1) * 4L > slots.length * 3L) {
            resize();
        }
        int mask = slots.length - 1;
        int i = hash & mask;
        while (slots[i] != null) {
            i = (i + 1) & mask;
        }
        slots[i] = entry;
        used++;
        live++;
    }

    /** Removes the entry in {@code slot}; returns it. */
    Object remove(int slot) {
        Object entry = slots[slot];
        slots[slot] = GONE;
        live--;
        return entry;
    }

    int size() {
        return live;
    }

    /** The entries, in no order. */
    Object[] entries() {
        Object[] out = new Object[live];
        int n = 0;
        for (Object entry : slots) {
            if (entry != null && entry != GONE) {
                out[n++] = entry;
            }
        }
        return out;
    }

    private void resize() {
        int capacity = Integer.highestOneBit(Math.max(8, live * 2 + 1)) << 1;
        Object[] old = slots;
        slots = new Object[capacity];
        used = 0;
        live = 0;
        for (Object entry : old) {
            if (entry != null && entry != GONE) {
                insert(entry, hashOf(entry));
            }
        }
    }
}
