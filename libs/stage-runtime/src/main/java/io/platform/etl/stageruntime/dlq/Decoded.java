package io.platform.etl.stageruntime.dlq;

import io.platform.etl.stageruntime.InputRecord;

/**
 * Result of decoding one input record: a valid record, or the raw bytes of one bound for the dead-letter topic
 * (its dead-letter headers are on the record that carries this value).
 */
public record Decoded(InputRecord valid, byte[] rejected) {

    public boolean isValid() {
        return valid != null;
    }
}
