package io.platform.etl.stageruntime.health;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.platform.etl.rulesclient.RulesStatus;
import io.platform.etl.stageruntime.rules.StageRules;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * Readiness {@code rules}: DOWN until every rules client read its first snapshot or the startup wait passed
 * (ADR 0301). Afterwards UP, also while Redis is unreachable: the stage keeps working on its last rules
 * (fail-static), and says so with {@code stale: true} per kind (and the {@code rules_stale} gauge).
 */
@Singleton
public class RulesHealthIndicator implements HealthIndicator {

    private final StageRules rules;

    public RulesHealthIndicator(StageRules rules) {
        this.rules = rules;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean ready = true;
        for (StageRules.Tracked tracked : rules.clients()) {
            RulesStatus status = tracked.client().status();
            Map<String, Object> kind = new LinkedHashMap<>();
            kind.put("version", status.version());
            kind.put("stale", status.stale());
            kind.put("initialized", status.initialized());
            if (status.lastSuccess() != null) {
                kind.put("lastRead", status.lastSuccess().toString());
            }
            if (status.lastError() != null) {
                kind.put("lastError", status.lastError());
            }
            details.put(tracked.client().settings().kind().jsonName(), kind);
            ready &= tracked.gate().isDone();
        }
        details.put("instanceId", rules.instanceId());
        return Publishers.just(HealthResult.builder("rules", ready ? HealthStatus.UP : HealthStatus.DOWN)
                .details(details).build());
    }
}
