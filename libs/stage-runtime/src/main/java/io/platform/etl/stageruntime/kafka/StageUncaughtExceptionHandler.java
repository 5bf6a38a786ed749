package io.platform.etl.stageruntime.kafka;

import io.platform.etl.stageruntime.dlq.ErrorClass;
import io.platform.etl.stageruntime.dlq.ErrorClassifier;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream thread died. Transient causes: wait (exponential backoff 200 ms → 30 s) and replace the thread; the
 * uncommitted transaction was aborted, so the records are processed again from the last commit. After
 * {@code maxRestarts} consecutive transient failures, or on a fatal/permanent cause, the client shuts down and
 * health turns DOWN.
 */
final class StageUncaughtExceptionHandler implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StageUncaughtExceptionHandler.class);
    private static final Duration FIRST = Duration.ofMillis(200);
    private static final Duration MAX = Duration.ofSeconds(30);
    private static final Duration CALM = Duration.ofMinutes(5);

    private final int maxRestarts;
    private final AtomicReference<Throwable> fatal = new AtomicReference<>();
    private int consecutive;
    private long lastFailureNanos;

    StageUncaughtExceptionHandler(int maxRestarts) {
        this.maxRestarts = maxRestarts;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable error) {
        long now = System.nanoTime();
        if (now - lastFailureNanos > CALM.toNanos()) {
            consecutive = 0;
        }
        lastFailureNanos = now;
        ErrorClass errorClass = ErrorClassifier.classify(error);
        if (errorClass == ErrorClass.TRANSIENT && consecutive < maxRestarts) {
            long delay = Math.min(MAX.toMillis(), FIRST.toMillis() << Math.min(consecutive, 20));
            consecutive++;
            LOG.warn("Transient failure of a stream thread (restart {}/{} in {} ms): {}", consecutive, maxRestarts,
                    delay, error.toString());
            LockSupport.parkNanos(Duration.ofMillis(delay).toNanos());
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        LOG.error("{} failure of a stream thread; stopping the stage", errorClass, error);
        fatal.set(error);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    /** The error that stopped the client; null while none did. */
    Throwable fatalError() {
        return fatal.get();
    }
}
