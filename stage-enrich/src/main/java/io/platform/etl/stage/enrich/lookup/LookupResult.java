package io.platform.etl.stage.enrich.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** What one lookup of one key gave. Hits and misses are cached for the source's {@code cache_ttl}; failures never. */
public sealed interface LookupResult {

    /** {@code hit}, {@code miss} or {@code failed}: the per-source outcome in headers and metrics. */
    String outcome();

    /** The key was found; {@code fields} holds its non-null selected values. */
    record Hit(Map<String, JsonNode> fields) implements LookupResult {
        public Hit {
            fields = Map.copyOf(fields);
        }

        @Override
        public String outcome() {
            return "hit";
        }
    }

    /** The source answered that the key does not exist (negative result, cached). */
    record Miss() implements LookupResult {
        @Override
        public String outcome() {
            return "miss";
        }
    }

    /**
     * No answer: {@code reason} is {@code timeout}, {@code circuit_open}, {@code error}, {@code host_not_allowed} or
     * {@code unavailable} (the source names no configured connection).
     */
    record Failed(String reason) implements LookupResult {
        @Override
        public String outcome() {
            return "failed";
        }
    }

    Miss MISS = new Miss();
}
