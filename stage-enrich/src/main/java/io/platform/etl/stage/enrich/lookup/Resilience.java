package io.platform.etl.stage.enrich.lookup;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.platform.etl.stage.enrich.config.EnrichSettings;
import java.net.http.HttpTimeoutException;
import java.sql.SQLTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * resilience4j around one source's calls: a retry ({@code retry_count} retries, exponential backoff with jitter)
 * outside a circuit breaker, so every attempt is recorded by the breaker and an open breaker ends the retries at
 * once (ADR 0802). Failures become {@link LookupResult.Failed} reasons, never exceptions to the caller.
 */
final class Resilience {

    private final CircuitBreaker breaker;
    private final Retry retry;
    private final ScheduledExecutorService scheduler;

    Resilience(String source, int retryCount, EnrichSettings settings, ScheduledExecutorService scheduler,
               LookupMetrics metrics) {
        this.scheduler = scheduler;
        this.breaker = CircuitBreaker.of(source, CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.circuitFailureRate())
                .minimumNumberOfCalls(settings.circuitMinimumCalls())
                .slidingWindowSize(Math.max(10, settings.circuitMinimumCalls()))
                .waitDurationInOpenState(settings.circuitOpenDuration())
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
        this.retry = Retry.of(source, RetryConfig.custom()
                .maxAttempts(retryCount + 1)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(settings.retryBackoff(), 2.0, 0.5))
                .retryOnException(e -> !(unwrap(e) instanceof CallNotPermittedException))
                .failAfterMaxAttempts(false)
                .build());
        retry.getEventPublisher().onRetry(e -> metrics.retry(source));
        breaker.getEventPublisher().onError(e -> metrics.callError(source, reason(e.getThrowable())));
        metrics.circuit(source, breaker);
    }

    /** Runs {@code call} with retries and the breaker; the result is the call's value or a failure. */
    <T> CompletableFuture<T> call(Supplier<CompletionStage<T>> call) {
        Supplier<CompletionStage<T>> guarded = CircuitBreaker.decorateCompletionStage(breaker, call);
        return Retry.decorateCompletionStage(retry, scheduler, guarded).get().toCompletableFuture();
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    /** The failure reason code of a call's exception. */
    static String reason(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof CallNotPermittedException) {
            return "circuit_open";
        }
        if (e instanceof TimeoutException || e instanceof HttpTimeoutException || e instanceof SQLTimeoutException
                || e instanceof java.sql.SQLTransientConnectionException) {
            return "timeout";
        }
        return "error";
    }

    static Throwable unwrap(Throwable e) {
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
