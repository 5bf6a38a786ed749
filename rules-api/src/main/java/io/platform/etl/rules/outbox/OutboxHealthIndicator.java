package io.platform.etl.rules.outbox;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * {@code outbox-relay}: UP while versions reach Redis, DEGRADED (still operational: writes are accepted and kept in
 * the outbox) while they cannot be published, with the last error and the pending count.
 */
@Singleton
public class OutboxHealthIndicator implements HealthIndicator {

    /** Operational (HTTP 200) so probes do not restart a service that cannot fix Redis, but visible. */
    public static final HealthStatus DEGRADED = new HealthStatus("DEGRADED",
            "rules are committed but cannot be published to Redis", true, 500);

    private final OutboxRelay relay;
    private final OutboxMetrics metrics;

    public OutboxHealthIndicator(OutboxRelay relay, OutboxMetrics metrics) {
        this.relay = relay;
        this.metrics = metrics;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        RelayState state = relay.state();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("pending", metrics.pending());
        details.put("lag_seconds", metrics.lagSeconds());
        if (state.failing()) {
            details.put("last_error", state.lastError());
            details.put("failing_since", String.valueOf(state.failingSince()));
            details.put("consecutive_failures", state.consecutiveFailures());
        }
        HealthStatus status = state.failing() ? DEGRADED : HealthStatus.UP;
        return Publishers.just(HealthResult.builder("outbox-relay", status).details(details).build());
    }
}
