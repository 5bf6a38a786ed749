package io.platform.etl.rules.outbox;

import java.time.Instant;

/**
 * What the relay last saw, for health and metrics.
 *
 * @param failing             true while publications fail
 * @param lastError           the last failure, or null
 * @param failingSince        when the current run of failures started, or null
 * @param consecutiveFailures failures in a row
 * @param lastSuccess         last time a batch went through, or null
 */
public record RelayState(boolean failing, String lastError, Instant failingSince, int consecutiveFailures,
                         Instant lastSuccess) {

    static final RelayState INITIAL = new RelayState(false, null, null, 0, null);

    RelayState failed(String error, Instant now) {
        return new RelayState(true, error, failing ? failingSince : now, consecutiveFailures + 1, lastSuccess);
    }

    RelayState succeeded(Instant now) {
        return new RelayState(false, null, null, 0, now);
    }
}
