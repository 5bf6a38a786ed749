package io.platform.etl.platform.watch;

import java.util.Set;

/**
 * What the stages' {@code throughput{status}} values mean for the live view (the statuses are the stages' own:
 * filter {@code passed|filtered}, dedupe {@code passed|duplicate|expired|missing_key}, enrich
 * {@code enriched|passed}, aggregate {@code aggregated|late_*}, any stage {@code dlq}).
 */
final class Outcomes {

    /** Records the stage passed on: forwarded to its output topic, or (aggregate) folded into a window result. */
    private static final Set<String> FORWARDED = Set.of("passed", "enriched", "expired", "aggregated",
            "late_processed");

    private Outcomes() {
    }

    static boolean forwarded(String status) {
        return FORWARDED.contains(status);
    }

    static boolean deadLettered(String status) {
        return "dlq".equals(status);
    }

    static boolean late(String status) {
        return status != null && status.startsWith("late_");
    }
}
