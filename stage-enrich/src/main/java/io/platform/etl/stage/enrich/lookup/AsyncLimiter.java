package io.platform.etl.stage.enrich.lookup;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * At most {@code limit} asynchronous calls in flight; further calls wait in a queue (without blocking a thread) and
 * start as earlier ones complete. Calls that complete at once (an open circuit) are drained in a loop, not by
 * recursion, so a long queue cannot overflow the stack.
 */
final class AsyncLimiter {

    private final int limit;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int running;
    private boolean draining;

    AsyncLimiter(int limit) {
        this.limit = limit;
    }

    <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable start = () -> {
            CompletableFuture<T> started;
            try {
                started = call.get();
            } catch (RuntimeException e) {
                started = CompletableFuture.failedFuture(e);
            }
            started.whenComplete((value, error) -> {
                synchronized (this) {
                    running--;
                }
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(value);
                }
                drain();
            });
        };
        synchronized (this) {
            waiting.add(start);
        }
        drain();
        return result;
    }

    synchronized int inFlight() {
        return running;
    }

    private void drain() {
        synchronized (this) {
            if (draining) {
                return;
            }
            draining = true;
        }
        while (true) {
            Runnable next;
            synchronized (this) {
                if (running >= limit || waiting.isEmpty()) {
                    draining = false;
                    return;
                }
                next = waiting.poll();
                running++;
            }
            next.run();
        }
    }
}
