package io.platform.etl.exporter.run;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.MDC;

/**
 * Uploads run on a few threads while the next clients are read, so storage latency overlaps database time.
 * Files may be submitted from several threads.
 * At most {@code 2 x concurrency} files wait on disk. Closing waits for every started upload, so a failed
 * run still records the files that did reach storage (and the next run resumes after them).
 */
final class UploadQueue implements AutoCloseable {

    /** An upload task. */
    @FunctionalInterface
    interface Upload {
        void run() throws Exception;
    }

    private final ExecutorService pool;
    private final Semaphore slots;
    private final Queue<Future<?>> futures = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    UploadQueue(int concurrency) {
        this.pool = Executors.newFixedThreadPool(concurrency, Thread.ofPlatform().name("upload-", 1).daemon().factory());
        this.slots = new Semaphore(concurrency * 2);
    }

    /** Queues the upload; rethrows the failure of an earlier upload so the run stops early. */
    void submit(Upload upload) throws Exception {
        slots.acquire();
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        futures.add(pool.submit(() -> {
            if (mdc != null) {
                MDC.setContextMap(mdc);
            }
            try {
                upload.run();
                return null;
            } catch (Exception e) {
                firstFailure.compareAndSet(null, e);
                throw e;
            } finally {
                slots.release();
                MDC.clear();
            }
        }));
        Exception failed = firstFailure.get();
        if (failed != null) {
            throw failed;
        }
    }

    /** Waits for every upload; throws the first failure. */
    void awaitAll() throws Exception {
        Exception first = null;
        for (Future<?> f : futures) {
            try {
                get(f);
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static void get(Future<?> f) throws Exception {
        try {
            f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public void close() {
        try {
            awaitAll();
        } catch (Exception ignored) {
            // already reported by awaitAll() or submit() on the normal path; here we only drain
        } finally {
            pool.shutdownNow();
        }
    }
}
