package io.platform.etl.stage.enrich.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AsyncLimiterTest {

    @Test
    void startsQueuedCallsOnlyAsEarlierOnesComplete() {
        AsyncLimiter limiter = new AsyncLimiter(2);
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            CompletableFuture<Integer> call = new CompletableFuture<>();
            calls.add(call);
            results.add(limiter.submit(() -> call));
        }
        assertThat(limiter.inFlight()).isEqualTo(2);
        calls.get(0).complete(0);
        assertThat(results.get(0)).isCompletedWithValue(0);
        assertThat(limiter.inFlight()).isEqualTo(2);
        calls.forEach(c -> c.complete(1));
        assertThat(results).allSatisfy(r -> assertThat(r).isDone());
        assertThat(limiter.inFlight()).isZero();
    }

    @Test
    void drainsALongQueueOfCallsThatCompleteAtOnceWithoutRecursion() {
        AsyncLimiter limiter = new AsyncLimiter(1);
        CompletableFuture<String> blocker = new CompletableFuture<>();
        limiter.submit(() -> blocker);
        List<CompletableFuture<String>> queued = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            queued.add(limiter.submit(() -> CompletableFuture.failedFuture(new IllegalStateException("open"))));
        }
        blocker.complete("done");
        assertThat(queued).allSatisfy(f -> assertThat(f).isCompletedExceptionally());
        assertThat(limiter.inFlight()).isZero();
    }

    @Test
    void aCallThatThrowsReleasesItsSlot() {
        AsyncLimiter limiter = new AsyncLimiter(1);
        CompletableFuture<Object> failed = limiter.submit(() -> {
            throw new IllegalArgumentException("boom");
        });
        assertThat(failed).isCompletedExceptionally();
        assertThat(limiter.submit(() -> CompletableFuture.completedFuture("next"))).isCompletedWithValue("next");
    }
}
