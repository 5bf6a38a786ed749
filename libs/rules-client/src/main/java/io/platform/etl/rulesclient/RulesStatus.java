package io.platform.etl.rulesclient;

import java.time.Instant;

/**
 * What a {@link RulesClient} knows about itself, for health endpoints.
 *
 * @param version     applied version (0 = static rules only)
 * @param stale       true while the last attempt to read Redis failed or the connection is down
 * @param initialized true once the first read finished (snapshot found or confirmed absent)
 * @param lastSuccess last successful read of the snapshot key; null before the first
 * @param lastError   the last error (Redis or invalid snapshot); null when none
 */
public record RulesStatus(long version, boolean stale, boolean initialized, Instant lastSuccess, String lastError) {
}
