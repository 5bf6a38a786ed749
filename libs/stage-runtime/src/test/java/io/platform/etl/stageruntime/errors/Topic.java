package io.platform.etl.stageruntime.errors;

import io.platform.etl.testkit.CommittedTopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads everything committed to one topic of the test broker (read_committed, from the beginning). */
final class Topic implements AutoCloseable {

    private final CommittedTopicReader reader;

    Topic(String bootstrap, String topic) {
        reader = new CommittedTopicReader(bootstrap, topic);
    }

    /** Polls until the records seen so far satisfy the condition or the time is up; then reads 500 ms more. */
    List<ConsumerRecord<byte[], byte[]>> until(Predicate<List<ConsumerRecord<byte[], byte[]>>> done,
                                              Duration timeout) {
        reader.until(done, timeout);
        return reader.drain(Duration.ofMillis(500));
    }

    @Override
    public void close() {
        reader.close();
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
