package io.platform.etl.stage.aggregate;

import io.platform.etl.stage.aggregate.accumulate.AggregationPlan;
import io.platform.etl.stage.aggregate.accumulate.WindowState;
import io.platform.etl.stage.aggregate.window.WindowKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** One task's view of the aggregate stores (see {@link AggregateStores}). */
final class WindowTable {

    private static final byte[] EMPTY = new byte[0];
    private static final String CLOSED = "closed";
    private static final String EXPIRED = "expired";
    private static final int BATCH = 5_000;

    private final KeyValueStore<Bytes, byte[]> windows;
    private final KeyValueStore<Bytes, byte[]> pending;
    private final KeyValueStore<String, Long> progress;
    private final AggregationPlan plan;

    WindowTable(ProcessorContext<?, ?> context, AggregationPlan plan) {
        this.windows = context.getStateStore(AggregateStores.WINDOWS);
        this.pending = context.getStateStore(AggregateStores.PENDING);
        this.progress = context.getStateStore(AggregateStores.PROGRESS);
        this.plan = plan;
    }

    WindowState get(Bytes key) {
        byte[] stored = windows.get(key);
        return stored == null ? null : plan.decode(stored);
    }

    void put(Bytes key, WindowState state) {
        windows.put(key, plan.encode(state));
    }

    void delete(Bytes key) {
        windows.delete(key);
        pending.delete(key);
    }

    void markPending(Bytes key) {
        pending.put(key, EMPTY);
    }

    void clearPending(Bytes key) {
        pending.delete(key);
    }

    /** Keys with a result not yet emitted, in key order; the caller clears each. */
    List<Bytes> pendingKeys() {
        List<Bytes> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> all = pending.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    /**
     * Calls {@code action} with every (key, state) of windows starting in {@code [fromStart, toStart]}, in batches so
     * the action may write or delete the entries it is given.
     */
    void forEachInWindows(long fromStart, long toStart, BiConsumer<Bytes, WindowState> action) {
        if (toStart < fromStart) {
            return;
        }
        Bytes from = WindowKey.lowest(fromStart);
        Bytes to = toStart == Long.MAX_VALUE ? null : WindowKey.lowest(toStart + 1);
        while (true) {
            List<KeyValue<Bytes, byte[]>> batch = new ArrayList<>(BATCH);
            try (KeyValueIterator<Bytes, byte[]> range = windows.range(from, to)) {
                while (range.hasNext() && batch.size() < BATCH) {
                    KeyValue<Bytes, byte[]> entry = range.next();
                    if (to == null || !entry.key.equals(to)) {
                        batch.add(entry);
                    }
                }
            }
            batch.forEach(entry -> action.accept(entry.key, plan.decode(entry.value)));
            if (batch.size() < BATCH) {
                return;
            }
            byte[] last = batch.get(batch.size() - 1).key.get();
            byte[] next = java.util.Arrays.copyOf(last, last.length + 1);
            from = Bytes.wrap(next);
        }
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
