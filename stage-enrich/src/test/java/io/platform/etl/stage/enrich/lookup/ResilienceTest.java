package io.platform.etl.stage.enrich.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.platform.etl.stage.enrich.config.EnrichSettings;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResilienceTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final LookupMetrics metrics = new LookupMetrics(new SimpleMeterRegistry(), "enrich");
    private final EnrichSettings settings = new EnrichSettings(Duration.ofSeconds(60), 64, 1000, List.of(), 4,
            50, Duration.ofMinutes(1), Duration.ofMillis(1), List.of());

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void retriesAFailedCallRetryCountTimesThenReportsTheTimeout() {
        Resilience resilience = new Resilience("geo", 2, settings, scheduler, metrics);
        AtomicInteger attempts = new AtomicInteger();
        CompletableFuture<String> result = resilience.call(() -> {
            attempts.incrementAndGet();
            return CompletableFuture.failedFuture(new HttpTimeoutException("request timed out"));
        });
        Throwable error = result.handle((v, e) -> e).join();
        assertThat(attempts).hasValue(3);
        assertThat(Resilience.reason(error)).isEqualTo("timeout");
        assertThat(metrics.count("enrichment_retries_total", "geo", null, null)).isEqualTo(2);
        assertThat(metrics.count("enrichment_call_errors_total", "geo", "reason", "timeout")).isEqualTo(3);
    }

    @Test
    void anOpenCircuitRefusesCallsWithoutRunningThem() {
        Resilience resilience = new Resilience("db", 0, settings, scheduler, metrics);
        AtomicInteger attempts = new AtomicInteger();
        for (int i = 0; i < 4; i++) {
            resilience.call(() -> {
                attempts.incrementAndGet();
                return CompletableFuture.failedFuture(new IllegalStateException("down"));
            }).handle((v, e) -> e).join();
        }
        Throwable refused = resilience.call(() -> {
            attempts.incrementAndGet();
            return CompletableFuture.completedFuture("never");
        }).handle((v, e) -> e).join();
        assertThat(Resilience.reason(refused)).isEqualTo("circuit_open");
        assertThat(attempts).hasValue(4);
    }

    @Test
    void aSuccessfulCallIsNotRetried() {
        Resilience resilience = new Resilience("geo2", 2, settings, scheduler, metrics);
        AtomicInteger attempts = new AtomicInteger();
        assertThat(resilience.call(() -> {
            attempts.incrementAndGet();
            return CompletableFuture.completedFuture("ok");
        }).join()).isEqualTo("ok");
        assertThat(attempts).hasValue(1);
    }
}
