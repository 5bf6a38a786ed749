package io.platform.etl.stage.aggregate.state;

import io.platform.etl.stage.aggregate.accumulate.AggregationPlan;
import io.platform.etl.stage.aggregate.accumulate.WindowState;
import io.platform.etl.stageruntime.keyed.Emitter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The window state of one hop partition, in memory, and its changelog (ADR 0705). Windows in start order, each a
 * {@link GroupTable} of its groups. A state taken for a change ({@link #edit}, {@link #create}) stays decoded until
 * {@link #flush} writes it to the changelog and packs it again, so a group's records within one loop iteration
 * decode and encode it once. The keys whose result is not emitted yet ({@code update} mode, {@code process} mode
 * re-emissions) are kept in a list, emitted in (window, group) order.
 * <p>
 * Changelog entries (the runtime adds its own prefix): key {@code 0}, window start (8 bytes, big-endian, sign bit
 * flipped so bytes sort like the long), group key bytes → the encoded {@link WindowState} (null: closed / expired);
 * key {@code 1, 0} → the watermark windows were closed up to (8 bytes); key {@code 1, 1} → the watermark retained
 * windows were expired up to ({@code process} mode).
 */
public final class WindowTable {

    private static final byte WINDOW = 0;
    private static final byte PROGRESS = 1;
    private static final byte[] CLOSED_KEY = {PROGRESS, 0};
    private static final byte[] EXPIRED_KEY = {PROGRESS, 1};

    /** A (window, group) with a result to emit. */
    public record Key(long start, byte[] group) {
    }

    private static final Comparator<Key> KEY_ORDER = Comparator.comparingLong(Key::start)
            .thenComparing(Key::group, Arrays::compareUnsigned);

    private final AggregationPlan plan;
    private final TreeMap<Long, GroupTable> windows = new TreeMap<>();
    private final List<GroupTable.Hot> dirty = new ArrayList<>();
    private List<Key> pending = new ArrayList<>();
    private long closed = Long.MIN_VALUE;
    private long expired = Long.MIN_VALUE;
    private boolean restoring = true;

    public WindowTable(AggregationPlan plan) {
        this.plan = plan;
    }

    /** One changelog entry, oldest first, before the first {@link #ready()}. */
    public void restore(byte[] key, byte[] value) {
        if (key.length == 2 && key[0] == PROGRESS) {
            long watermark = value == null ? Long.MIN_VALUE : ByteBuffer.wrap(value).getLong();
            if (key[1] == CLOSED_KEY[1]) {
                closed = watermark;
            } else {
                expired = watermark;
            }
            return;
        }
        if (key.length < 9 || key[0] != WINDOW) {
            throw new IllegalStateException("unknown aggregate changelog key of " + key.length + " bytes");
        }
        long start = ByteBuffer.wrap(key, 1, 8).getLong() ^ Long.MIN_VALUE;
        int hash = GroupTable.hash(key, 9, key.length - 9);
        GroupTable table = windows.get(start);
        int slot = table == null ? -1 : table.find(key, 9, key.length - 9, hash);
        if (value == null) {
            if (slot >= 0) {
                table.remove(slot);
            }
            return;
        }
        byte[] entry = GroupTable.clean(Arrays.copyOfRange(key, 9, key.length), value);
        if (slot >= 0) {
            table.set(slot, entry);
        } else {
            windows.computeIfAbsent(start, s -> new GroupTable()).insert(entry, hash);
        }
    }

    /**
     * Ends the restore (once; later calls do nothing): drops emptied windows and lists the states whose result was
     * not emitted before the restart.
     */
    public void ready() {
        if (!restoring) {
            return;
        }
        restoring = false;
        windows.values().removeIf(table -> table.size() == 0);
        for (Map.Entry<Long, GroupTable> window : windows.entrySet()) {
            for (Object entry : window.getValue().entries()) {
                byte[] clean = (byte[]) entry;
                int from = GroupTable.stateFrom(clean);
                if (AggregationPlan.changed(clean, from, clean.length - from)) {
                    pending.add(new Key(window.getKey(), Arrays.copyOfRange(clean, 2, from)));
                }
            }
        }
    }

    /** The state of (start, group) taken for a change, or null when there is none. */
    public WindowState edit(long start, byte[] group) {
        GroupTable table = windows.get(start);
        if (table == null) {
            return null;
        }
        int hash = GroupTable.hash(group, 0, group.length);
        int slot = table.find(group, 0, group.length, hash);
        return slot < 0 ? null : hot(table, slot, start, group, hash).state;
    }

    /** A new, empty state for (start, group), which has none; taken for a change. */
    public WindowState create(long start, byte[] group) {
        GroupTable.Hot hot = new GroupTable.Hot(start, group, GroupTable.hash(group, 0, group.length),
                plan.newState(), null);
        windows.computeIfAbsent(start, s -> new GroupTable()).insert(hot, hot.hash);
        dirty.add(hot);
        return hot.state;
    }

    private GroupTable.Hot hot(GroupTable table, int slot, long start, byte[] group, int hash) {
        Object entry = table.at(slot);
        if (entry instanceof GroupTable.Hot hot) {
            return hot;
        }
        byte[] clean = (byte[]) entry;
        int from = GroupTable.stateFrom(clean);
        GroupTable.Hot hot = new GroupTable.Hot(start, group, hash, plan.decode(clean, from, clean.length - from),
                clean);
        table.set(slot, hot);
        dirty.add(hot);
        return hot;
    }

    /** Remembers that (start, group), marked changed, has a result to emit. */
    public void markPending(long start, byte[] group) {
        pending.add(new Key(start, group));
    }

    /** Takes every key with a result to emit, in (window, group) order (a key may be listed twice). */
    public List<Key> drainPending() {
        List<Key> drained = pending;
        pending = new ArrayList<>();
        drained.sort(KEY_ORDER);
        return drained;
    }

    /** The starts of the windows starting in {@code [from, to]}, in order. */
    public List<Long> windowsIn(long from, long to) {
        return to < from ? List.of() : new ArrayList<>(windows.subMap(from, true, to, true).keySet());
    }

    /** The groups of the window starting at {@code start}, in order (a snapshot; see {@link #group}). */
    public Object[] groupsOf(long start) {
        GroupTable table = windows.get(start);
        if (table == null) {
            return new Object[0];
        }
        Object[] entries = table.entries();
        Arrays.sort(entries, GroupTable.GROUP_ORDER);
        return entries;
    }

    /** The group key bytes of an element of {@link #groupsOf}. */
    public static byte[] group(Object entry) {
        byte[] group = GroupTable.group(entry);
        int from = GroupTable.groupFrom(entry);
        return from == 0 ? group : Arrays.copyOfRange(group, from, from + GroupTable.groupLength(entry));
    }

    /** The state of (start, group), not taken for a change: for a state about to be {@link #remove}d. */
    public WindowState read(long start, byte[] group) {
        GroupTable table = windows.get(start);
        int slot = table == null ? -1 : table.find(group, 0, group.length, GroupTable.hash(group, 0, group.length));
        if (slot < 0) {
            return null;
        }
        Object entry = table.at(slot);
        if (entry instanceof GroupTable.Hot hot) {
            return hot.state;
        }
        byte[] clean = (byte[]) entry;
        int from = GroupTable.stateFrom(clean);
        return plan.decode(clean, from, clean.length - from);
    }

    /** Deletes (start, group), in memory and in the changelog; the window goes once its last group went. */
    public void remove(long start, byte[] group, Emitter out) {
        GroupTable table = windows.get(start);
        int slot = table == null ? -1 : table.find(group, 0, group.length, GroupTable.hash(group, 0, group.length));
        if (slot < 0) {
            return;
        }
        if (table.remove(slot) instanceof GroupTable.Hot hot) {
            hot.live = false;
        }
        out.change(windowKey(start, group), null);
        if (table.size() == 0) {
            windows.remove(start);
        }
    }

    /** Deletes every group of the window starting at {@code start}. */
    public void removeWindow(long start, Emitter out) {
        GroupTable table = windows.remove(start);
        if (table == null) {
            return;
        }
        for (Object entry : table.entries()) {
            if (entry instanceof GroupTable.Hot hot) {
                hot.live = false;
            }
            out.change(windowKey(start, group(entry)), null);
        }
    }

    /** Writes every state taken for a change since the last flush to the changelog, and packs it again. */
    public void flush(Emitter out) {
        for (GroupTable.Hot hot : dirty) {
            if (!hot.live) {
                continue;
            }
            hot.live = false;
            byte[] state = plan.encode(hot.state);
            out.change(windowKey(hot.start, hot.group), state);
            GroupTable table = windows.get(hot.start);
            table.set(table.find(hot.group, 0, hot.group.length, hot.hash), hot.packed(state));
        }
        dirty.clear();
    }

    /** The watermark windows were closed up to ({@link Long#MIN_VALUE} before the first close). */
    public long closedWatermark() {
        return closed;
    }

    public void closedWatermark(long watermark, Emitter out) {
        closed = watermark;
        out.change(CLOSED_KEY, ByteBuffer.allocate(Long.BYTES).putLong(watermark).array());
    }

    /** The watermark up to which retained windows were expired ({@code process} mode). */
    public long expiredWatermark() {
        return expired;
    }

    public void expiredWatermark(long watermark, Emitter out) {
        expired = watermark;
        out.change(EXPIRED_KEY, ByteBuffer.allocate(Long.BYTES).putLong(watermark).array());
    }

    /** (window, group) entries held, for metrics and the benchmark. */
    public long size() {
        long n = 0;
        for (GroupTable table : windows.values()) {
            n += table.size();
        }
        return n;
    }

    static byte[] windowKey(long start, byte[] group) {
        return ByteBuffer.allocate(9 + group.length).put(WINDOW).putLong(start ^ Long.MIN_VALUE).put(group).array();
    }
}
