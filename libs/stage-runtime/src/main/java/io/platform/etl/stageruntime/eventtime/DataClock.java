package io.platform.etl.stageruntime.eventtime;

import java.nio.ByteBuffer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The task watermark derived from event time on a topic without control records (the pipeline's source): the
 * largest event time seen in the partition minus {@code out-of-orderness}. The partition is idle once it had no
 * record for {@code idle-timeout} and is caught up: its read_committed end offset is at the next offset to read (the
 * last one read + 1, or where the group starts when nothing was read yet), so a slow consumer of a backlog is never
 * taken for an idle input.
 */
public final class DataClock implements InputClock {

    private static final Bytes MAX_KEY = Bytes.wrap(new byte[] {'m', 'a', 'x'});

    private final EventTime eventTime;
    private final String storeName;
    private final long outOfOrderness;
    private final long idleTimeout;
    private KeyValueStore<Bytes, byte[]> store;
    private ProcessingContext context;
    private TaskWatermark task;
    private TopicPartition partition;
    private long max = Long.MIN_VALUE;
    private long persistedMax = Long.MIN_VALUE;
    private long lastOffset = -1;
    private long records;
    private long recordsAtCheck = -1;
    private long quietSince;
    private boolean idle;

    public DataClock(EventTime eventTime, String storeName) {
        this.eventTime = eventTime;
        this.storeName = storeName;
        this.outOfOrderness = eventTime.settings().outOfOrderness().toMillis();
        this.idleTimeout = eventTime.settings().idleTimeout().toMillis();
    }

    @Override
    public String storeName() {
        return storeName;
    }

    @Override
    public void init(ProcessingContext context, String inputTopic) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.task = eventTime.forTask(context.taskId());
        task.inputTopic(inputTopic);
        this.partition = new TopicPartition(inputTopic, context.taskId().partition());
        byte[] saved = store.get(MAX_KEY);
        if (saved != null) {
            max = ByteBuffer.wrap(saved).getLong();
            persistedMax = max;
        }
        task.restore(watermark(), false);
        context.schedule(eventTime.interval(), PunctuationType.WALL_CLOCK_TIME, this::tick);
    }

    @Override
    public void control(Headers headers) {
        // A source topic carries no control records; a stray one is ignored.
    }

    @Override
    public void event(long eventTimeMillis) {
        records++;
        RecordMetadata meta = context.recordMetadata().orElse(null);
        if (meta != null) {
            lastOffset = meta.offset();
        }
        if (eventTimeMillis > max || idle) {
            max = Math.max(max, eventTimeMillis);
            idle = false;
            task.update(watermark(), false);
        }
    }

    private long watermark() {
        return max == Long.MIN_VALUE ? Long.MIN_VALUE : max - outOfOrderness;
    }

    private void tick(long now) {
        if (max != persistedMax) {
            store.put(MAX_KEY, ByteBuffer.allocate(8).putLong(max).array());
            persistedMax = max;
        }
        if (records != recordsAtCheck) {
            recordsAtCheck = records;
            quietSince = now;
            return;
        }
        if (idle || now - quietSince < idleTimeout) {
            return;
        }
        long lso = eventTime.topics().stableEndOffset(partition);
        // Nothing read since this task started: it starts at the group's committed offset (or the log start), so a
        // partition whose backlog was not fetched yet is never taken for an idle one.
        long next = lastOffset >= 0 ? lastOffset + 1
                : eventTime.topics().startOffset(eventTime.applicationId(), partition);
        boolean caughtUp = lso >= 0 && next >= 0 && lso - next <= 1;
        if (caughtUp) {
            idle = true;
            task.update(watermark(), true);
        }
    }
}
