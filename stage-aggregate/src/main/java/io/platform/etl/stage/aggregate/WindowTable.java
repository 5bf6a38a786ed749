package io.platform.etl.stage.aggregate;

import io.platform.etl.stage.aggregate.accumulate.AggregationPlan;
import io.platform.etl.stage.aggregate.accumulate.WindowState;
import io.platform.etl.stage.aggregate.window.WindowKey;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One task's view of the aggregate stores (see {@link AggregateStores}), and the keys whose state changed since its
 * last result. Those are kept in memory only: a changed state carries its own flag in the store, so the set is
 * rebuilt from the store when the task starts, and nothing but the window state is written per record. A pending
 * key keeps its decoded state beside it (the store holds the same state, written by {@link #put}), so the records
 * of a busy group and the next emission read it without a store look-up and a decode.
 */
final class WindowTable {

    private static final String CLOSED = "closed";
    private static final String EXPIRED = "expired";
    private static final int BATCH = 5_000;

    private final KeyValueStore<Bytes, byte[]> windows;
    private final KeyValueStore<String, Long> progress;
    private final AggregationPlan plan;
    /** Pending keys in key order, each with its state as last put, or null until read (after a restart). */
    private final NavigableMap<Bytes, WindowState> pending = new TreeMap<>();

    WindowTable(ProcessorContext<?, ?> context, AggregationPlan plan) {
        this.windows = context.getStateStore(AggregateStores.WINDOWS);
        this.progress = context.getStateStore(AggregateStores.PROGRESS);
        this.plan = plan;
        try (KeyValueIterator<Bytes, byte[]> all = windows.all()) {
            all.forEachRemaining(entry -> {
                if (AggregationPlan.changed(entry.value)) {
                    pending.put(entry.key, null);
                }
            });
        }
    }

    WindowState get(Bytes key) {
        WindowState kept = pending.get(key);
        if (kept != null) {
            return kept;
        }
        byte[] stored = windows.get(key);
        return stored == null ? null : plan.decode(stored);
    }

    void put(Bytes key, WindowState state) {
        windows.put(key, plan.encode(state));
    }

    void delete(Bytes key) {
        windows.delete(key);
        pending.remove(key);
    }

    /**
     * Remembers that {@code key}'s state (marked {@link WindowState#markChanged()}, and {@link #put} after every
     * change) has a result to emit.
     */
    void markPending(Bytes key, WindowState state) {
        pending.put(key, state);
    }

    void clearPending(Bytes key) {
        pending.remove(key);
    }

    /** Takes every key with a result not yet emitted, in key order, with its state; none is pending after. */
    List<Map.Entry<Bytes, WindowState>> drainPending() {
        List<Map.Entry<Bytes, WindowState>> drained = new ArrayList<>(pending.size());
        pending.forEach((key, state) -> drained.add(new SimpleImmutableEntry<>(key, state != null ? state : get(key))));
        pending.clear();
        return drained;
    }

    /**
     * Calls {@code action} with every (key, state) of windows starting in {@code [fromStart, toStart]}, in batches so
     * the action may write or delete the entries it is given.
     */
    void forEachInWindows(long fromStart, long toStart, BiConsumer<Bytes, WindowState> action) {
        if (toStart >= fromStart) {
            forEachInWindows(WindowKey.lowest(fromStart), toStart, Integer.MAX_VALUE, action);
        }
    }

    /**
     * Like {@link #forEachInWindows(long, long, BiConsumer)} from the key {@code from} on, for at most {@code limit}
     * entries; returns the key to continue from, or null when the range is done.
     */
    Bytes forEachInWindows(Bytes from, long toStart, int limit, BiConsumer<Bytes, WindowState> action) {
        Bytes to = toStart == Long.MAX_VALUE ? null : WindowKey.lowest(toStart + 1);
        int left = limit;
        while (left > 0) {
            int want = Math.min(BATCH, left);
            List<KeyValue<Bytes, byte[]>> batch = new ArrayList<>(want);
            try (KeyValueIterator<Bytes, byte[]> range = windows.range(from, to)) {
                while (range.hasNext() && batch.size() < want) {
                    KeyValue<Bytes, byte[]> entry = range.next();
                    if (to == null || !entry.key.equals(to)) {
                        batch.add(entry);
                    }
                }
            }
            batch.forEach(entry -> action.accept(entry.key, plan.decode(entry.value)));
            left -= batch.size();
            if (batch.size() < want) {
                return null;
            }
            byte[] last = batch.get(batch.size() - 1).key.get();
            from = Bytes.wrap(java.util.Arrays.copyOf(last, last.length + 1));
        }
        return from;
    }

    /** The watermark windows were last closed at ({@link Long#MIN_VALUE} before the first close). */
    long closedWatermark() {
        Long value = progress.get(CLOSED);
        return value == null ? Long.MIN_VALUE : value;
    }

    void closedWatermark(long watermark) {
        progress.put(CLOSED, watermark);
    }

    /** The watermark up to which retained windows were expired ({@code process} mode). */
    long expiredWatermark() {
        Long value = progress.get(EXPIRED);
        return value == null ? Long.MIN_VALUE : value;
    }

    void expiredWatermark(long watermark) {
        progress.put(EXPIRED, watermark);
    }
}
