package io.platform.etl.stageruntime.eventtime;

import java.nio.ByteBuffer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The task watermark from upstream control records: a {@link WatermarkTracker} persisted per source. */
public final class UpstreamClock implements InputClock {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamClock.class);

    private final EventTime eventTime;
    private final String storeName;
    private final WatermarkTracker tracker = new WatermarkTracker();
    private KeyValueStore<Bytes, byte[]> store;
    private TaskWatermark task;

    public UpstreamClock(EventTime eventTime, String storeName) {
        this.eventTime = eventTime;
        this.storeName = storeName;
    }

    @Override
    public String storeName() {
        return storeName;
    }

    @Override
    public void init(ProcessingContext context, String inputTopic) {
        store = context.getStateStore(storeName);
        task = eventTime.forTask(context.taskId());
        task.inputTopic(inputTopic);
        try (KeyValueIterator<Bytes, byte[]> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<Bytes, byte[]> entry = all.next();
                tracker.observe(decode(new String(entry.key.get(), java.nio.charset.StandardCharsets.UTF_8),
                        entry.value));
            }
        }
        task.restore(tracker.current(), tracker.idle());
    }

    @Override
    public void control(Headers headers) {
        WatermarkMark mark;
        try {
            mark = WatermarkRecords.decode(headers);
        } catch (IllegalArgumentException e) {
            LOG.warn("Skipping a control record: {}", e.getMessage());
            return;
        }
        WatermarkMark kept = tracker.observe(mark);
        store.put(Bytes.wrap(WatermarkRecords.key(kept)), encode(kept));
        task.update(tracker.current(), tracker.idle());
    }

    @Override
    public void event(long eventTimeMillis) {
        // Progress comes from the control records only.
    }

    static byte[] encode(WatermarkMark mark) {
        return ByteBuffer.allocate(13).putLong(mark.watermark()).putInt(mark.sources())
                .put((byte) (mark.idle() ? 1 : 0)).array();
    }

    static WatermarkMark decode(String source, byte[] value) {
        ByteBuffer b = ByteBuffer.wrap(value);
        return new WatermarkMark(source, b.getLong(), b.getInt(), b.get() == 1);
    }
}
