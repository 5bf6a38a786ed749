package io.platform.etl.stageruntime.loop;

import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * What a {@link LoopStage} decided for one record. Outcomes are the {@code status} of {@code throughput} (e.g.
 * {@code passed}, {@code filtered}); keep verdicts without per-record data in constants.
 */
public sealed interface Verdict {

    /** Write the input record unchanged (key, value bytes, headers) to the output topic. */
    static Verdict forward(String outcome) {
        return new Forward(outcome);
    }

    /** Write the input key with these value bytes and headers to the output topic. */
    static Verdict write(byte[] value, Headers headers, String outcome) {
        return new Write(value, headers, outcome);
    }

    /** Write nothing; count the record under {@code outcome}. */
    static Verdict drop(String outcome) {
        return new Drop(outcome);
    }

    /** Send the input record to the dead-letter topic with this reason (an {@code error_rate} type) and message. */
    static Verdict deadLetter(String reason, String message) {
        return new DeadLetter(reason, message);
    }

    /**
     * Before a hop (ADR 0340): write the input value under {@code key} with these headers to the hop topic; not
     * counted as an outcome (the deciding loop counts the record).
     */
    static Verdict route(byte[] key, Headers headers) {
        return new Route(key, headers);
    }

    /**
     * After a hop (ADR 0340): any records (outputs, state changes, dead letters) and the outcomes to count for the
     * input record once its transaction committed.
     */
    static Verdict emitted(List<ProducerRecord<byte[], byte[]>> records, List<Count> counts) {
        return new Emitted(records, counts);
    }

    record Route(byte[] key, Headers headers) implements Verdict {
    }

    record Emitted(List<ProducerRecord<byte[], byte[]>> records, List<Count> counts) implements Verdict {
    }

    /**
     * One outcome to count: a status, or a dead-letter reason.
     *
     * @param reason the dead-letter reason (the status is then {@code dlq}); null for any other outcome
     */
    record Count(String status, String reason, long receivedNanos) {
    }

    record Forward(String outcome) implements Verdict {
    }

    record Write(byte[] value, Headers headers, String outcome) implements Verdict {
    }

    record Drop(String outcome) implements Verdict {
    }

    record DeadLetter(String reason, String message) implements Verdict {
    }
}
