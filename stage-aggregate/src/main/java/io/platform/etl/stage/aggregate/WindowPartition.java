package io.platform.etl.stage.aggregate;

import io.platform.etl.model.event.Event;
import io.platform.etl.model.spec.LateDataHandling;
import io.platform.etl.model.spec.OutputMode;
import io.platform.etl.stage.aggregate.accumulate.ResultFormat;
import io.platform.etl.stage.aggregate.accumulate.Sample;
import io.platform.etl.stage.aggregate.accumulate.WindowState;
import io.platform.etl.stage.aggregate.late.LateHeaders;
import io.platform.etl.stage.aggregate.state.WindowTable;
import io.platform.etl.stage.aggregate.window.TumblingWindows;
import io.platform.etl.stage.aggregate.window.WindowClock;
import io.platform.etl.stageruntime.keyed.Emitter;
import io.platform.etl.stageruntime.keyed.PartitionState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The aggregate stage's state of one hop partition (ADR 0705): folds each record into its (window, group) and, every
 * emit interval, closes the windows the watermark has passed and emits what changed. A record whose window is
 * already closed is late: dropped, sent to the late-data topic, or folded into the retained window and re-emitted,
 * as the spec says. The hop brought all records of a group to this partition; what it writes (results, late
 * records, changelog) is in the deciding loop's transaction with the hop offsets.
 */
final class WindowPartition implements PartitionState {

    private final AggregateConfig config;
    private final TumblingWindows windows;
    private final WindowTable table;
    private final WindowClock windowClock;
    private final boolean updates;
    private final boolean retains;
    private long lastEmit = Long.MIN_VALUE;
    /** The watermark of a close that is not finished (close-batch); its windows count as closed meanwhile. */
    private long closing = Long.MIN_VALUE;
    /** Where an unfinished close goes on at the next emit interval; null when none is under way. */
    private Cursor cursor;
    /** The first window an unfinished close has not finished (the ones before it are not scanned again). */
    private long resume = Long.MIN_VALUE;

    /** The groups of the window being closed, in order, and how many of them were closed. */
    private static final class Cursor {
        final long start;
        final Object[] groups;
        int next;

        Cursor(long start, Object[] groups) {
            this.start = start;
            this.groups = groups;
        }
    }

    WindowPartition(AggregateConfig config) {
        this.config = config;
        this.windows = config.windows();
        this.table = new WindowTable(config.plan());
        this.windowClock = new WindowClock(config.idleCloseMillis());
        this.updates = config.outputMode() == OutputMode.UPDATE;
        this.retains = config.lateHandling() == LateDataHandling.PROCESS;
    }

    @Override
    public void restore(byte[] key, byte[] value) {
        table.restore(key, value);
    }

    @Override
    public void process(ConsumerRecord<byte[], byte[]> record, Event ignored, long watermark, Emitter out) {
        table.ready();
        long received = System.nanoTime();
        Sample sample = sample(record);
        long eventTime = sample.eventTime();
        long start = windows.startOf(eventTime);
        long closedBy = Math.max(Math.max(table.closedWatermark(), closing), watermark);
        // The hop record's key is the group key (AggregateStage.key).
        byte[] group = record.key();
        if (windows.isClosed(start, closedBy)) {
            late(record, sample, group, start, closedBy, eventTime, received, out);
            return;
        }
        fold(start, group, sample, updates);
        out.outcome(Outcomes.AGGREGATED, received);
    }

    /**
     * The record's sample from its header; decoded from its JSON when the header is missing or was written for other
     * aggregations (a hop record from before ADR 0707, or from an instance with another spec during a rollout).
     */
    private Sample sample(ConsumerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader(AggregateStage.SAMPLE);
        Sample sample = header == null ? null : config.plan().decodeSample(header.value());
        return sample != null ? sample : config.plan().sample(Event.parse(record.value()));
    }

    private void late(ConsumerRecord<byte[], byte[]> record, Sample sample, byte[] group, long start, long watermark,
                      long eventTime, long received, Emitter out) {
        LateDataHandling handling = config.lateHandling();
        if (handling == LateDataHandling.PROCESS && watermark < windows.closesAt(start) + config.lateRetentionMillis()) {
            fold(start, group, sample, true);
            out.outcome(Outcomes.LATE_PROCESSED, received);
        } else if (handling == LateDataHandling.DROP) {
            out.outcome(Outcomes.LATE_DROPPED, received);
        } else {
            String reason = handling == LateDataHandling.PROCESS ? LateHeaders.RETENTION_EXPIRED
                    : LateHeaders.WINDOW_CLOSED;
            Headers headers = LateHeaders.of(record.headers(), config.stage(), reason, start, windows.endOf(start),
                    watermark, eventTime);
            Header original = headers.lastHeader(AggregateStage.ORIGINAL_KEY);
            headers.remove(AggregateStage.ORIGINAL_KEY);
            headers.remove(AggregateStage.SAMPLE);
            out.send(config.lateTopic(), original == null ? null : original.value(), record.value(), headers);
            out.outcome(handling == LateDataHandling.PROCESS ? Outcomes.LATE_EXPIRED : Outcomes.LATE_DEAD_LETTER,
                    received);
        }
    }

    /** Adds the event to its (window, group); {@code emit}: the new result goes out at the next emit interval. */
    private void fold(long start, byte[] group, Sample sample, boolean emit) {
        WindowState state = table.edit(start, group);
        if (state == null) {
            state = table.create(start, group);
        }
        state.add(sample);
        if (emit && !state.changed()) {
            state.markChanged();
            table.markPending(start, group);
        }
    }

    /** Every loop iteration: the emit-interval work when it is due. */
    @Override
    public void tick(long watermark, boolean idle, long nowMillis, Emitter out) {
        table.ready();
        if (lastEmit == Long.MIN_VALUE || nowMillis - lastEmit >= config.emitIntervalMillis()) {
            lastEmit = nowMillis;
            punctuate(watermark, idle, nowMillis, out);
        }
    }

    /**
     * The states changed since the last commit to the changelog, each once, into the transaction of the records that
     * changed them: a group hot within a commit interval is written once per commit, not once per loop iteration.
     */
    @Override
    public void beforeCommit(Emitter out) {
        table.ready();
        table.flush(out);
    }

    private void punctuate(long watermark, boolean idle, long now, Emitter out) {
        long floor = table.closedWatermark();
        // An unfinished close goes on at its watermark even if the idle wall clock that gave it stopped counting.
        long effective = Math.max(windowClock.effective(floor, watermark, idle, now), closing);
        boolean closed = close(floor, effective, out);
        closing = closed ? Long.MIN_VALUE : Math.max(closing, effective);
        emitPending(effective, out);
        if (retains) {
            expire(effective, out);
        }
        if (closed && effective > floor) {
            table.closedWatermark(effective, out);
        }
    }

    /**
     * Emits the final result of the windows the watermark closed since the floor, at most {@code close-batch} of
     * them per call so no transaction grows past the transaction timeout (a million groups closing at once did);
     * returns true once all are closed. The rest follow at the next emit intervals; a window already closable
     * counts as closed for late records and final flags meanwhile.
     */
    private boolean close(long floor, long watermark, Emitter out) {
        long last = windows.lastClosedStart(watermark);
        long previous = windows.lastClosedStart(floor);
        if (last == Long.MIN_VALUE || (floor != Long.MIN_VALUE && last <= previous)) {
            return true;
        }
        long from = floor == Long.MIN_VALUE ? Long.MIN_VALUE : previous + 1;
        int budget = config.closeBatch();
        for (long start : table.windowsIn(Math.max(from, resume), last)) {
            if (cursor == null || cursor.start != start) {
                cursor = new Cursor(start, table.groupsOf(start));
            }
            while (cursor.next < cursor.groups.length) {
                if (budget == 0) {
                    return false;
                }
                byte[] group = WindowTable.group(cursor.groups[cursor.next++]);
                WindowState state = retains ? table.edit(start, group) : table.read(start, group);
                if (state == null) {
                    continue;
                }
                budget--;
                if (!state.finalEmitted()) {
                    emit(start, group, state, true, out);
                }
                if (!retains) {
                    table.remove(start, group, out);
                }
            }
            cursor = null;
            resume = start + 1;
        }
        resume = Long.MIN_VALUE;
        return true;
    }

    private void emitPending(long watermark, Emitter out) {
        for (WindowTable.Key key : table.drainPending()) {
            WindowState state = table.edit(key.start(), key.group());
            if (state != null && state.changed()) {
                emit(key.start(), key.group(), state, windows.isClosed(key.start(), watermark), out);
            }
        }
    }

    /** {@code process} mode: forgets windows whose late retention is over. */
    private void expire(long watermark, Emitter out) {
        if (watermark < Long.MIN_VALUE + config.lateRetentionMillis()) {
            return;
        }
        long horizon = watermark - config.lateRetentionMillis();
        long last = windows.lastClosedStart(horizon);
        long expired = table.expiredWatermark();
        long previous = windows.lastClosedStart(expired);
        if (last == Long.MIN_VALUE || (expired != Long.MIN_VALUE && last <= previous)) {
            return;
        }
        for (long start : table.windowsIn(expired == Long.MIN_VALUE ? Long.MIN_VALUE : previous + 1, last)) {
            table.removeWindow(start, out);
        }
        table.expiredWatermark(horizon, out);
    }

    private void emit(long start, byte[] group, WindowState state, boolean isFinal, Emitter out) {
        int version = state.nextVersion(isFinal);
        ResultFormat.Result result = config.format().result(start, group, state, isFinal, version);
        out.output(result.key(), result.value(),
                null, windows.endOf(start) - 1);
    }

    /** (window, group) entries held (for tests and the benchmark). */
    long entries() {
        return table.size();
    }
}
