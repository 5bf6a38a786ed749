package io.platform.etl.stageruntime.loop;

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

    record Forward(String outcome) implements Verdict {
    }

    record Write(byte[] value, Headers headers, String outcome) implements Verdict {
    }

    record Drop(String outcome) implements Verdict {
    }

    record DeadLetter(String reason, String message) implements Verdict {
    }
}
