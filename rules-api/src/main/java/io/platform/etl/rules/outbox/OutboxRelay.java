package io.platform.etl.rules.outbox;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.platform.etl.rules.config.OutboxSettings;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes committed versions to Redis on a dedicated thread: at once when nudged after a commit, every
 * {@code poll-interval} otherwise (rows of other instances), and with exponential backoff while Redis (or the
 * database) fails. Rows leave the outbox only after Redis answered, in commit order, so nothing is lost or reordered.
 */
@Singleton
public class OutboxRelay implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxBatch batch;
    private final OutboxSettings settings;
    private final Object signal = new Object();
    private volatile RelayState state = RelayState.INITIAL;
    private volatile boolean running;
    private boolean nudged;
    private Thread thread;
    private Instant lastReconcile = Instant.EPOCH;

    public OutboxRelay(OutboxBatch batch, OutboxSettings settings) {
        this.batch = batch;
        this.settings = settings;
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (thread != null) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("outbox-relay").daemon().start(this::loop);
    }

    /** Wakes the relay up (after a commit). */
    public void nudge() {
        synchronized (signal) {
            nudged = true;
            signal.notifyAll();
        }
    }

    public RelayState state() {
        return state;
    }

    private void loop() {
        Duration backoff = settings.initialBackoff();
        while (running) {
            Optional<RuntimeException> failure;
            boolean more = false;
            try {
                OutboxBatch.Result result = batch.publishPending(settings.batchSize());
                failure = result.failure();
                more = result.more();
                if (failure.isEmpty() && (state.failing() || reconcileDue())) {
                    int republished = batch.reconcile();
                    lastReconcile = Instant.now();
                    if (republished > 0) {
                        LOG.info("republished {} rule snapshot(s) missing from Redis", republished);
                    }
                }
            } catch (RuntimeException e) {
                failure = Optional.of(e);
            }
            if (failure.isPresent()) {
                if (!state.failing()) {
                    LOG.warn("cannot publish rules to Redis, retrying with backoff: {}", failure.get().toString());
                }
                state = state.failed(failure.get().toString(), Instant.now());
                pause(backoff, false);
                backoff = min(backoff.multipliedBy(2), settings.maxBackoff());
                continue;
            }
            if (state.failing()) {
                LOG.info("publishing rules to Redis again after {} failure(s)", state.consecutiveFailures());
            }
            state = state.succeeded(Instant.now());
            backoff = settings.initialBackoff();
            if (!more) {
                pause(settings.pollInterval(), true);
            }
        }
    }

    private boolean reconcileDue() {
        return Instant.now().isAfter(lastReconcile.plus(settings.reconcileInterval()));
    }

    private void pause(Duration duration, boolean wakeOnNudge) {
        long deadline = System.nanoTime() + duration.toNanos();
        synchronized (signal) {
            try {
                while (running && !(wakeOnNudge && nudged)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    signal.wait(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
            nudged = false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @PreDestroy
    synchronized void stop() throws InterruptedException {
        running = false;
        nudge();
        if (thread != null) {
            thread.join(Duration.ofSeconds(5));
        }
    }
}
