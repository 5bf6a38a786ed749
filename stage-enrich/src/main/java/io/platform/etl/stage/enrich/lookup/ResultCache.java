package io.platform.etl.stage.enrich.lookup;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/** Hits and misses of one source for {@code cache_ttl} (failures are not cached); {@code cache_ttl: 0} = no cache. */
final class ResultCache {

    private final Cache<String, LookupResult> cache;

    ResultCache(Duration ttl, long maxEntries) {
        this.cache = ttl.isZero() ? null
                : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries).build();
    }

    LookupResult get(String key) {
        return cache == null ? null : cache.getIfPresent(key);
    }

    void put(String key, LookupResult result) {
        if (cache != null && !(result instanceof LookupResult.Failed)) {
            cache.put(key, result);
        }
    }
}
