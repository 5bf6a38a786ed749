package io.platform.etl.stage.enrich.lookup;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A source the stage cannot use (its connection is not configured, its host not allowed, its names not plain SQL):
 * every key fails with {@code reason}, the records flow on without its fields, and the failures are counted.
 */
final class FailingLookup implements Lookup {

    private final String source;
    private final LookupResult.Failed failed;

    FailingLookup(String source, String reason) {
        this.source = source;
        this.failed = new LookupResult.Failed(reason);
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public CompletableFuture<Map<String, LookupResult>> resolve(Set<String> keys) {
        return CompletableFuture.completedFuture(keys.stream().collect(Collectors.toMap(Function.identity(),
                k -> failed)));
    }
}
