package io.platform.etl.stageruntime.dlq;

import io.platform.etl.stageruntime.metrics.StageMetrics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds dead-letter records: the original key and value bytes, the original headers, plus {@code x-error-stage},
 * {@code x-error-reason} (a stable code such as {@code not_json}), {@code x-error-message} (human text),
 * {@code x-original-topic}, {@code x-original-partition}, {@code x-original-offset} (UTF-8 strings).
 */
public final class DeadLetters {

    /** Config key under which the runtime hands this object to the Kafka Streams exception handlers. */
    public static final String CONFIG_KEY = "etl.stage.dead-letters";

    public static final String STAGE = "x-error-stage";
    public static final String REASON = "x-error-reason";
    public static final String MESSAGE = "x-error-message";
    public static final String ORIGINAL_TOPIC = "x-original-topic";
    public static final String ORIGINAL_PARTITION = "x-original-partition";
    public static final String ORIGINAL_OFFSET = "x-original-offset";

    private static final int MAX_MESSAGE = 1000;

    private final String stage;
    private final String topic;
    private final StageMetrics metrics;

    public DeadLetters(String stage, String topic, StageMetrics metrics) {
        this.stage = stage;
        this.topic = topic;
        this.metrics = metrics;
    }

    public String topic() {
        return topic;
    }

    public StageMetrics metrics() {
        return metrics;
    }

    /** A copy of {@code original} with the error headers added. */
    public Headers headers(Headers original, String reason, String message, String sourceTopic, int partition,
                           long offset) {
        RecordHeaders headers = new RecordHeaders(original == null ? new RecordHeaders().toArray() : original.toArray());
        put(headers, STAGE, stage);
        put(headers, REASON, reason);
        put(headers, MESSAGE, message == null ? "" : message.length() > MAX_MESSAGE
                ? message.substring(0, MAX_MESSAGE) + "…" : message);
        put(headers, ORIGINAL_TOPIC, sourceTopic == null ? "" : sourceTopic);
        put(headers, ORIGINAL_PARTITION, Integer.toString(partition));
        put(headers, ORIGINAL_OFFSET, Long.toString(offset));
        return headers;
    }

    /** A dead-letter record for an exception handler (sent in the same transaction as the input offsets). */
    public ProducerRecord<byte[], byte[]> record(byte[] key, byte[] value, Headers original, String reason,
                                                 String message, String sourceTopic, int partition, long offset) {
        return new ProducerRecord<>(topic, null, key, value,
                headers(original, reason, message, sourceTopic, partition, offset));
    }

    private static void put(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
