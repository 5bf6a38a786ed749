package io.platform.etl.stage.aggregate;

import io.platform.etl.model.event.Event;
import io.platform.etl.model.spec.LateDataHandling;
import io.platform.etl.model.spec.OutputMode;
import io.platform.etl.stage.aggregate.accumulate.WindowState;
import io.platform.etl.stage.aggregate.late.LateHeaders;
import io.platform.etl.stage.aggregate.window.TumblingWindows;
import io.platform.etl.stage.aggregate.window.WindowClock;
import io.platform.etl.stage.aggregate.window.WindowKey;
import io.platform.etl.stageruntime.InputRecord;
import io.platform.etl.stageruntime.metrics.StageMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Folds each record into its (window, group) and, every emit interval, closes the windows the watermark has passed
 * and emits what changed. A record whose window is already closed is late: dropped, sent to the late-data topic, or
 * folded into the retained window and re-emitted, as the spec says. Runs after the repartition by group key, so all
 * records of a group meet in one task; everything it reads and writes is in the task's exactly-once transaction.
 */
final class AggregateProcessor implements Processor<byte[], InputRecord, byte[], Emission> {

    static final String AGGREGATED = "aggregated";
    static final String LATE_DROPPED = "late_dropped";
    static final String LATE_DEAD_LETTER = "late_dead_letter";
    static final String LATE_PROCESSED = "late_processed";
    static final String LATE_EXPIRED = "late_expired";

    private final AggregateConfig config;
    private final TumblingWindows windows;
    private final Function<TaskId, EventClock> clocks;
    private final StageMetrics metrics;
    private ProcessorContext<byte[], Emission> context;
    private WindowTable table;
    private EventClock clock;
    private WindowClock windowClock;
    private long floor;
    /** Where closing goes on at the next emit interval; null when every closable window is closed. */
    private Bytes closeCursor;

    AggregateProcessor(AggregateConfig config, Function<TaskId, EventClock> clocks, StageMetrics metrics) {
        this.config = config;
        this.windows = config.windows();
        this.clocks = clocks;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<byte[], Emission> context) {
        this.context = context;
        this.table = new WindowTable(context, config.plan());
        this.clock = clocks.apply(context.taskId());
        this.windowClock = new WindowClock(config.idleCloseMillis());
        this.floor = table.closedWatermark();
        context.schedule(Duration.ofMillis(config.emitIntervalMillis()), PunctuationType.WALL_CLOCK_TIME,
                this::punctuate);
    }

    @Override
    public void process(Record<byte[], InputRecord> record) {
        InputRecord input = record.value();
        Event event = input.event();
        long eventTime = event.eventTime().toEpochMilli();
        long start = windows.startOf(eventTime);
        long watermark = Math.max(floor, clock.watermark());
        Bytes key = WindowKey.of(start, config.groups().bytes(event));
        if (windows.isClosed(start, watermark)) {
            late(record, key, start, watermark, eventTime);
            return;
        }
        fold(key, event, config.outputMode() == OutputMode.UPDATE);
        metrics.outcome(AGGREGATED, input.receivedNanos());
    }

    private void late(Record<byte[], InputRecord> record, Bytes key, long start, long watermark, long eventTime) {
        InputRecord input = record.value();
        LateDataHandling handling = config.lateHandling();
        if (handling == LateDataHandling.PROCESS && watermark < windows.closesAt(start) + config.lateRetentionMillis()) {
            fold(key, input.event(), true);
            metrics.outcome(LATE_PROCESSED, input.receivedNanos());
        } else if (handling == LateDataHandling.DROP) {
            metrics.outcome(LATE_DROPPED, input.receivedNanos());
        } else {
            String reason = handling == LateDataHandling.PROCESS ? LateHeaders.RETENTION_EXPIRED
                    : LateHeaders.WINDOW_CLOSED;
            context.forward(record.withValue(Emission.late(input.value())).withHeaders(LateHeaders.of(
                    record.headers(), config.stage(), reason, start, windows.endOf(start), watermark, eventTime)));
            metrics.outcome(handling == LateDataHandling.PROCESS ? LATE_EXPIRED : LATE_DEAD_LETTER,
                    input.receivedNanos());
        }
    }

    /** Adds the event to its (window, group); {@code emit}: the new result goes out at the next emit interval. */
    private void fold(Bytes key, Event event, boolean emit) {
        WindowState state = table.get(key);
        if (state == null) {
            state = config.plan().newState();
        }
        state.add(event);
        if (emit) {
            state.markChanged();
            table.markPending(key, state);
        }
        table.put(key, state);
    }

    void punctuate(long now) {
        long watermark = windowClock.effective(floor, clock.watermark(), clock.idle(), now);
        boolean closed = close(watermark);
        emitPending(watermark);
        if (config.lateHandling() == LateDataHandling.PROCESS) {
            expire(watermark);
        }
        if (closed && watermark > floor) {
            floor = watermark;
            table.closedWatermark(watermark);
        }
    }

    /**
     * Emits the final result of the windows the watermark closed since the floor, at most {@code close-batch} of
     * them per call so no transaction grows past the transaction timeout (a million groups closing at once did);
     * returns true once all are closed. The rest follow at the next emit intervals; a window already closable
     * counts as closed for late records and final flags meanwhile.
     */
    private boolean close(long watermark) {
        long last = windows.lastClosedStart(watermark);
        long previous = windows.lastClosedStart(floor);
        if (last == Long.MIN_VALUE || (floor != Long.MIN_VALUE && last <= previous)) {
            return true;
        }
        boolean retain = config.lateHandling() == LateDataHandling.PROCESS;
        long from = floor == Long.MIN_VALUE ? Long.MIN_VALUE : previous + 1;
        Bytes start = closeCursor != null ? closeCursor : WindowKey.lowest(from);
        closeCursor = table.forEachInWindows(start, last, config.closeBatch(), (key, state) -> {
            if (!state.finalEmitted()) {
                emit(key, state, true);
            }
            if (retain) {
                table.put(key, state);
                table.clearPending(key);
            } else {
                table.delete(key);
            }
        });
        return closeCursor == null;
    }

    private void emitPending(long watermark) {
        for (Map.Entry<Bytes, WindowState> pending : table.drainPending()) {
            Bytes key = pending.getKey();
            WindowState state = pending.getValue();
            if (state != null && state.changed()) {
                emit(key, state, windows.isClosed(WindowKey.windowStart(key), watermark));
                table.put(key, state);
            }
        }
    }

    /** {@code process} mode: forgets windows whose late retention is over. */
    private void expire(long watermark) {
        long horizon = watermark - config.lateRetentionMillis();
        long last = windows.lastClosedStart(horizon);
        long expired = table.expiredWatermark();
        long previous = windows.lastClosedStart(expired);
        if (last == Long.MIN_VALUE || (expired != Long.MIN_VALUE && last <= previous)) {
            return;
        }
        table.forEachInWindows(expired == Long.MIN_VALUE ? Long.MIN_VALUE : previous + 1, last,
                (key, state) -> table.delete(key));
        table.expiredWatermark(horizon);
    }

    private void emit(Bytes key, WindowState state, boolean isFinal) {
        long start = WindowKey.windowStart(key);
        byte[] group = WindowKey.groupKey(key);
        int version = state.nextVersion(isFinal);
        context.forward(new Record<>(config.format().key(start, group),
                Emission.result(config.format().value(start, group, state, isFinal, version)),
                windows.endOf(start) - 1));
    }
}
