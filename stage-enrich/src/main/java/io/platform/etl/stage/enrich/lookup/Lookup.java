package io.platform.etl.stage.enrich.lookup;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One source's lookup of one join key with a fixed set of selected fields. Implementations serve cached keys without
 * I/O and never complete exceptionally: whatever goes wrong becomes a {@link LookupResult.Failed} for that key.
 */
public interface Lookup extends AutoCloseable {

    /** The source name (metric label, header entry). */
    String source();

    /** Results for every key of {@code keys}; completes within the source's timeouts and retries. */
    CompletableFuture<Map<String, LookupResult>> resolve(Set<String> keys);

    @Override
    default void close() {
    }
}
