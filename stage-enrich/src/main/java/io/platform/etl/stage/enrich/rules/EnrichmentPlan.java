package io.platform.etl.stage.enrich.rules;

import java.util.List;

/** One compiled, immutable rule version: every rule in order, each bound to its source's lookup. */
public record EnrichmentPlan(List<PlannedRule> rules) {

    public static final EnrichmentPlan EMPTY = new EnrichmentPlan(List.of());

    public EnrichmentPlan {
        rules = List.copyOf(rules);
    }
}
