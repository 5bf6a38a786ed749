package io.platform.etl.stage.enrich.enrich;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Header {@code x-etl-enrichment} on every output record, so a replay is auditable: the rule version and the outcome
 * per source that applied, e.g. {@code version=7;user_profiles=hit;geo_location=failed} (ADR 0804).
 */
public final class EnrichmentHeader {

    public static final String NAME = "x-etl-enrichment";

    private EnrichmentHeader() {
    }

    public static byte[] encode(long version, Map<String, String> outcomes) {
        StringBuilder b = new StringBuilder("version=").append(version);
        outcomes.forEach((source, outcome) -> b.append(';').append(source).append('=').append(outcome));
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The header value as a map, {@code version} first. */
    public static Map<String, String> decode(byte[] value) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : new String(value, StandardCharsets.UTF_8).split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return out;
    }
}
