package io.platform.etl.exporter.run;

import io.platform.etl.exporter.catalog.CatalogReader;
import io.platform.etl.exporter.catalog.ExportClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.MDC;

/**
 * Runs a run's clients on a few lanes, each a thread with its own snapshot reader, taking the next client in
 * order until none is left: while one lane waits for the database, another writes or hands a file to the
 * uploads. When a client fails, no lane starts another one, the others finish the client they are on (so
 * its files count for the resume), and the first failure is thrown.
 */
final class ClientLanes {

    /** Exports one client with the lane's reader. */
    @FunctionalInterface
    interface ClientTask {
        void export(CatalogReader.Reader reader, ExportClient client) throws Exception;
    }

    private final int lanes;
    private final FaultInjector faults;

    ClientLanes(int lanes, FaultInjector faults) {
        this.lanes = lanes;
        this.faults = faults;
    }

    void run(CatalogReader.Snapshot snapshot, List<ExportClient> clients, ClientTask task) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        int count = Math.max(1, Math.min(lanes, clients.size()));
        ExecutorService pool = Executors.newFixedThreadPool(count, Thread.ofPlatform().name("export-", 1).factory());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                running.add(pool.submit(() -> {
                    if (mdc != null) {
                        MDC.setContextMap(mdc);
                    }
                    try (CatalogReader.Reader reader = snapshot.newReader()) {
                        while (!stop.get()) {
                            int index = next.getAndIncrement();
                            if (index >= clients.size()) {
                                break;
                            }
                            faults.beforeClient(index);
                            ExportClient client = clients.get(index);
                            MDC.put("client", client.code());
                            task.export(reader, client);
                            MDC.remove("client");
                        }
                        return null;
                    } catch (Exception e) {
                        stop.set(true);
                        throw e;
                    } finally {
                        MDC.clear();
                    }
                }));
            }
            awaitAll(running);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits for every lane; throws the first failure with the others suppressed. */
    private static void awaitAll(List<Future<?>> running) throws Exception {
        Exception first = null;
        for (Future<?> lane : running) {
            try {
                lane.get();
            } catch (ExecutionException e) {
                Exception cause = e.getCause() instanceof Exception c ? c : e;
                if (first == null) {
                    first = cause;
                } else if (cause != first) { // lanes rethrow the same upload failure
                    first.addSuppressed(cause);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
